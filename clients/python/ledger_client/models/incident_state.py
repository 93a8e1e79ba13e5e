from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.incident_category import IncidentCategory
from ..models.incident_state_status import IncidentStateStatus
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.attribution import Attribution
  from ..models.claim import Claim
  from ..models.disagreement import Disagreement
  from ..models.location import Location
  from ..models.occurred_time import OccurredTime
  from ..models.relation import Relation
  from ..models.set_aside_event import SetAsideEvent





T = TypeVar("T", bound="IncidentState")



@_attrs_define
class IncidentState:
    """ 
        Attributes:
            category (IncidentCategory): What kind of incident was reported.
            claims (list[Claim]):
            incident_id (str):
            location (Location):
            occurred (OccurredTime):
            parties (list[str]):
            reported_by (Attribution):
            status (IncidentStateStatus):
            summary (str):
            title (str):
            version (int):
            absorbed (list[str] | Unset):
            contested (bool | Unset):  Default: False.
            disagreements (list[Disagreement] | Unset):
            merged_into (None | str | Unset):
            relations (list[Relation] | Unset):
            set_aside (list[SetAsideEvent] | Unset):
            time_zone (str | Unset):  Default: 'UTC'.
     """

    category: IncidentCategory
    claims: list[Claim]
    incident_id: str
    location: Location
    occurred: OccurredTime
    parties: list[str]
    reported_by: Attribution
    status: IncidentStateStatus
    summary: str
    title: str
    version: int
    absorbed: list[str] | Unset = UNSET
    contested: bool | Unset = False
    disagreements: list[Disagreement] | Unset = UNSET
    merged_into: None | str | Unset = UNSET
    relations: list[Relation] | Unset = UNSET
    set_aside: list[SetAsideEvent] | Unset = UNSET
    time_zone: str | Unset = 'UTC'
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.attribution import Attribution # noqa: PLC0415
        from ..models.claim import Claim # noqa: PLC0415
        from ..models.disagreement import Disagreement # noqa: PLC0415
        from ..models.location import Location # noqa: PLC0415
        from ..models.occurred_time import OccurredTime # noqa: PLC0415
        from ..models.relation import Relation # noqa: PLC0415
        from ..models.set_aside_event import SetAsideEvent # noqa: PLC0415
        category = self.category.value

        claims = []
        for claims_item_data in self.claims:
            claims_item = claims_item_data.to_dict()
            claims.append(claims_item)



        incident_id = self.incident_id

        location = self.location.to_dict()

        occurred = self.occurred.to_dict()

        parties = self.parties



        reported_by = self.reported_by.to_dict()

        status = self.status.value

        summary = self.summary

        title = self.title

        version = self.version

        absorbed: list[str] | Unset = UNSET
        if not isinstance(self.absorbed, Unset):
            absorbed = self.absorbed



        contested = self.contested

        disagreements: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.disagreements, Unset):
            disagreements = []
            for disagreements_item_data in self.disagreements:
                disagreements_item = disagreements_item_data.to_dict()
                disagreements.append(disagreements_item)



        merged_into: None | str | Unset
        if isinstance(self.merged_into, Unset):
            merged_into = UNSET
        else:
            merged_into = self.merged_into

        relations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.relations, Unset):
            relations = []
            for relations_item_data in self.relations:
                relations_item = relations_item_data.to_dict()
                relations.append(relations_item)



        set_aside: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.set_aside, Unset):
            set_aside = []
            for set_aside_item_data in self.set_aside:
                set_aside_item = set_aside_item_data.to_dict()
                set_aside.append(set_aside_item)



        time_zone = self.time_zone


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "category": category,
            "claims": claims,
            "incident_id": incident_id,
            "location": location,
            "occurred": occurred,
            "parties": parties,
            "reported_by": reported_by,
            "status": status,
            "summary": summary,
            "title": title,
            "version": version,
        })
        if absorbed is not UNSET:
            field_dict["absorbed"] = absorbed
        if contested is not UNSET:
            field_dict["contested"] = contested
        if disagreements is not UNSET:
            field_dict["disagreements"] = disagreements
        if merged_into is not UNSET:
            field_dict["merged_into"] = merged_into
        if relations is not UNSET:
            field_dict["relations"] = relations
        if set_aside is not UNSET:
            field_dict["set_aside"] = set_aside
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribution import Attribution # noqa: PLC0415
        from ..models.claim import Claim # noqa: PLC0415
        from ..models.disagreement import Disagreement # noqa: PLC0415
        from ..models.location import Location # noqa: PLC0415
        from ..models.occurred_time import OccurredTime # noqa: PLC0415
        from ..models.relation import Relation # noqa: PLC0415
        from ..models.set_aside_event import SetAsideEvent # noqa: PLC0415
        d = dict(src_dict)
        category = IncidentCategory(d.pop("category"))




        claims = []
        _claims = d.pop("claims")
        for claims_item_data in (_claims):
            claims_item = Claim.from_dict(claims_item_data)



            claims.append(claims_item)


        incident_id = d.pop("incident_id")

        location = Location.from_dict(d.pop("location"))




        occurred = OccurredTime.from_dict(d.pop("occurred"))




        parties = cast(list[str], d.pop("parties"))


        reported_by = Attribution.from_dict(d.pop("reported_by"))




        status = IncidentStateStatus(d.pop("status"))




        summary = d.pop("summary")

        title = d.pop("title")

        version = d.pop("version")

        absorbed = cast(list[str], d.pop("absorbed", UNSET))


        contested = d.pop("contested", UNSET)

        _disagreements = d.pop("disagreements", UNSET)
        disagreements: list[Disagreement] | Unset = UNSET
        if _disagreements is not UNSET:
            disagreements = []
            for disagreements_item_data in _disagreements:
                disagreements_item = Disagreement.from_dict(disagreements_item_data)



                disagreements.append(disagreements_item)


        def _parse_merged_into(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        merged_into = _parse_merged_into(d.pop("merged_into", UNSET))


        _relations = d.pop("relations", UNSET)
        relations: list[Relation] | Unset = UNSET
        if _relations is not UNSET:
            relations = []
            for relations_item_data in _relations:
                relations_item = Relation.from_dict(relations_item_data)



                relations.append(relations_item)


        _set_aside = d.pop("set_aside", UNSET)
        set_aside: list[SetAsideEvent] | Unset = UNSET
        if _set_aside is not UNSET:
            set_aside = []
            for set_aside_item_data in _set_aside:
                set_aside_item = SetAsideEvent.from_dict(set_aside_item_data)



                set_aside.append(set_aside_item)


        time_zone = d.pop("time_zone", UNSET)

        incident_state = cls(
            category=category,
            claims=claims,
            incident_id=incident_id,
            location=location,
            occurred=occurred,
            parties=parties,
            reported_by=reported_by,
            status=status,
            summary=summary,
            title=title,
            version=version,
            absorbed=absorbed,
            contested=contested,
            disagreements=disagreements,
            merged_into=merged_into,
            relations=relations,
            set_aside=set_aside,
            time_zone=time_zone,
        )


        incident_state.additional_properties = d
        return incident_state

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
