from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.affiliation import Affiliation
from ..models.casualty_group import CasualtyGroup
from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast

if TYPE_CHECKING:
  from ..models.attribution import Attribution
  from ..models.estimate import Estimate





T = TypeVar("T", bound="CasualtiesReported")



@_attrs_define
class CasualtiesReported:
    """ 
        Attributes:
            attribution (Attribution):
            group (CasualtyGroup): Whom casualties belong to.
            incident_id (str):
            party (str):
            type_ (Literal['casualties.reported']):
            actor (None | str | Unset):
            affiliations (list[Affiliation] | Unset):
            allied_to (None | str | Unset):
            captured (Estimate | None | Unset):
            killed (Estimate | None | Unset):
            missing (Estimate | None | Unset):
            wounded (Estimate | None | Unset):
     """

    attribution: Attribution
    group: CasualtyGroup
    incident_id: str
    party: str
    type_: Literal['casualties.reported']
    actor: None | str | Unset = UNSET
    affiliations: list[Affiliation] | Unset = UNSET
    allied_to: None | str | Unset = UNSET
    captured: Estimate | None | Unset = UNSET
    killed: Estimate | None | Unset = UNSET
    missing: Estimate | None | Unset = UNSET
    wounded: Estimate | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.attribution import Attribution # noqa: PLC0415
        from ..models.estimate import Estimate # noqa: PLC0415
        attribution = self.attribution.to_dict()

        group = self.group.value

        incident_id = self.incident_id

        party = self.party

        type_ = self.type_

        actor: None | str | Unset
        if isinstance(self.actor, Unset):
            actor = UNSET
        else:
            actor = self.actor

        affiliations: list[str] | Unset = UNSET
        if not isinstance(self.affiliations, Unset):
            affiliations = []
            for affiliations_item_data in self.affiliations:
                affiliations_item = affiliations_item_data.value
                affiliations.append(affiliations_item)



        allied_to: None | str | Unset
        if isinstance(self.allied_to, Unset):
            allied_to = UNSET
        else:
            allied_to = self.allied_to

        captured: dict[str, Any] | None | Unset
        if isinstance(self.captured, Unset):
            captured = UNSET
        elif isinstance(self.captured, Estimate):
            captured = self.captured.to_dict()
        else:
            captured = self.captured

        killed: dict[str, Any] | None | Unset
        if isinstance(self.killed, Unset):
            killed = UNSET
        elif isinstance(self.killed, Estimate):
            killed = self.killed.to_dict()
        else:
            killed = self.killed

        missing: dict[str, Any] | None | Unset
        if isinstance(self.missing, Unset):
            missing = UNSET
        elif isinstance(self.missing, Estimate):
            missing = self.missing.to_dict()
        else:
            missing = self.missing

        wounded: dict[str, Any] | None | Unset
        if isinstance(self.wounded, Unset):
            wounded = UNSET
        elif isinstance(self.wounded, Estimate):
            wounded = self.wounded.to_dict()
        else:
            wounded = self.wounded


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "attribution": attribution,
            "group": group,
            "incident_id": incident_id,
            "party": party,
            "type": type_,
        })
        if actor is not UNSET:
            field_dict["actor"] = actor
        if affiliations is not UNSET:
            field_dict["affiliations"] = affiliations
        if allied_to is not UNSET:
            field_dict["allied_to"] = allied_to
        if captured is not UNSET:
            field_dict["captured"] = captured
        if killed is not UNSET:
            field_dict["killed"] = killed
        if missing is not UNSET:
            field_dict["missing"] = missing
        if wounded is not UNSET:
            field_dict["wounded"] = wounded

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribution import Attribution # noqa: PLC0415
        from ..models.estimate import Estimate # noqa: PLC0415
        d = dict(src_dict)
        attribution = Attribution.from_dict(d.pop("attribution"))




        group = CasualtyGroup(d.pop("group"))




        incident_id = d.pop("incident_id")

        party = d.pop("party")

        type_ = cast(Literal['casualties.reported'] , d.pop("type"))
        if type_ != 'casualties.reported':
            raise ValueError(f"type must match const 'casualties.reported', got '{type_}'")

        def _parse_actor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor = _parse_actor(d.pop("actor", UNSET))


        _affiliations = d.pop("affiliations", UNSET)
        affiliations: list[Affiliation] | Unset = UNSET
        if _affiliations is not UNSET:
            affiliations = []
            for affiliations_item_data in _affiliations:
                affiliations_item = Affiliation(affiliations_item_data)



                affiliations.append(affiliations_item)


        def _parse_allied_to(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        allied_to = _parse_allied_to(d.pop("allied_to", UNSET))


        def _parse_captured(data: object) -> Estimate | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                captured_type_0 = Estimate.from_dict(data)



                return captured_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Estimate | None | Unset, data)

        captured = _parse_captured(d.pop("captured", UNSET))


        def _parse_killed(data: object) -> Estimate | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                killed_type_0 = Estimate.from_dict(data)



                return killed_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Estimate | None | Unset, data)

        killed = _parse_killed(d.pop("killed", UNSET))


        def _parse_missing(data: object) -> Estimate | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                missing_type_0 = Estimate.from_dict(data)



                return missing_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Estimate | None | Unset, data)

        missing = _parse_missing(d.pop("missing", UNSET))


        def _parse_wounded(data: object) -> Estimate | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                wounded_type_0 = Estimate.from_dict(data)



                return wounded_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Estimate | None | Unset, data)

        wounded = _parse_wounded(d.pop("wounded", UNSET))


        casualties_reported = cls(
            attribution=attribution,
            group=group,
            incident_id=incident_id,
            party=party,
            type_=type_,
            actor=actor,
            affiliations=affiliations,
            allied_to=allied_to,
            captured=captured,
            killed=killed,
            missing=missing,
            wounded=wounded,
        )

        return casualties_reported

