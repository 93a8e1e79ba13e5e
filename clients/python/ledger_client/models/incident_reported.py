from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.incident_category import IncidentCategory
from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast

if TYPE_CHECKING:
  from ..models.attribution import Attribution
  from ..models.location import Location
  from ..models.occurred_time import OccurredTime





T = TypeVar("T", bound="IncidentReported")



@_attrs_define
class IncidentReported:
    """ 
        Attributes:
            attribution (Attribution):
            category (IncidentCategory): What kind of incident was reported.
            incident_id (str):
            location (Location):
            occurred (OccurredTime):
            parties (list[str]):
            summary (str):
            title (str):
            time_zone (None | str | Unset):
            type_ (Literal['incident.reported'] | Unset):
     """

    attribution: Attribution
    category: IncidentCategory
    incident_id: str
    location: Location
    occurred: OccurredTime
    parties: list[str]
    summary: str
    title: str
    time_zone: None | str | Unset = UNSET
    type_: Literal['incident.reported'] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.attribution import Attribution # noqa: PLC0415
        from ..models.location import Location # noqa: PLC0415
        from ..models.occurred_time import OccurredTime # noqa: PLC0415
        attribution = self.attribution.to_dict()

        category = self.category.value

        incident_id = self.incident_id

        location = self.location.to_dict()

        occurred = self.occurred.to_dict()

        parties = self.parties



        summary = self.summary

        title = self.title

        time_zone: None | str | Unset
        if isinstance(self.time_zone, Unset):
            time_zone = UNSET
        else:
            time_zone = self.time_zone

        type_ = self.type_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "attribution": attribution,
            "category": category,
            "incident_id": incident_id,
            "location": location,
            "occurred": occurred,
            "parties": parties,
            "summary": summary,
            "title": title,
        })
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribution import Attribution # noqa: PLC0415
        from ..models.location import Location # noqa: PLC0415
        from ..models.occurred_time import OccurredTime # noqa: PLC0415
        d = dict(src_dict)
        attribution = Attribution.from_dict(d.pop("attribution"))




        category = IncidentCategory(d.pop("category"))




        incident_id = d.pop("incident_id")

        location = Location.from_dict(d.pop("location"))




        occurred = OccurredTime.from_dict(d.pop("occurred"))




        parties = cast(list[str], d.pop("parties"))


        summary = d.pop("summary")

        title = d.pop("title")

        def _parse_time_zone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_zone = _parse_time_zone(d.pop("time_zone", UNSET))


        type_ = cast(Literal['incident.reported'] | Unset , d.pop("type", UNSET))
        if type_ != 'incident.reported'and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'incident.reported', got '{type_}'")

        incident_reported = cls(
            attribution=attribution,
            category=category,
            incident_id=incident_id,
            location=location,
            occurred=occurred,
            parties=parties,
            summary=summary,
            title=title,
            time_zone=time_zone,
            type_=type_,
        )

        return incident_reported

