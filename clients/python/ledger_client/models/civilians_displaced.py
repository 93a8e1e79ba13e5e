from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast

if TYPE_CHECKING:
  from ..models.attribution import Attribution
  from ..models.estimate import Estimate





T = TypeVar("T", bound="CiviliansDisplaced")



@_attrs_define
class CiviliansDisplaced:
    """ 
        Attributes:
            area (str):
            attribution (Attribution):
            count (Estimate):
            incident_id (str):
            type_ (Literal['civilians.displaced']):
            actor (None | str | Unset):
            affected (None | str | Unset):
            destination (None | str | Unset):
     """

    area: str
    attribution: Attribution
    count: Estimate
    incident_id: str
    type_: Literal['civilians.displaced']
    actor: None | str | Unset = UNSET
    affected: None | str | Unset = UNSET
    destination: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.attribution import Attribution # noqa: PLC0415
        from ..models.estimate import Estimate # noqa: PLC0415
        area = self.area

        attribution = self.attribution.to_dict()

        count = self.count.to_dict()

        incident_id = self.incident_id

        type_ = self.type_

        actor: None | str | Unset
        if isinstance(self.actor, Unset):
            actor = UNSET
        else:
            actor = self.actor

        affected: None | str | Unset
        if isinstance(self.affected, Unset):
            affected = UNSET
        else:
            affected = self.affected

        destination: None | str | Unset
        if isinstance(self.destination, Unset):
            destination = UNSET
        else:
            destination = self.destination


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "area": area,
            "attribution": attribution,
            "count": count,
            "incident_id": incident_id,
            "type": type_,
        })
        if actor is not UNSET:
            field_dict["actor"] = actor
        if affected is not UNSET:
            field_dict["affected"] = affected
        if destination is not UNSET:
            field_dict["destination"] = destination

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribution import Attribution # noqa: PLC0415
        from ..models.estimate import Estimate # noqa: PLC0415
        d = dict(src_dict)
        area = d.pop("area")

        attribution = Attribution.from_dict(d.pop("attribution"))




        count = Estimate.from_dict(d.pop("count"))




        incident_id = d.pop("incident_id")

        type_ = cast(Literal['civilians.displaced'] , d.pop("type"))
        if type_ != 'civilians.displaced':
            raise ValueError(f"type must match const 'civilians.displaced', got '{type_}'")

        def _parse_actor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor = _parse_actor(d.pop("actor", UNSET))


        def _parse_affected(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        affected = _parse_affected(d.pop("affected", UNSET))


        def _parse_destination(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        destination = _parse_destination(d.pop("destination", UNSET))


        civilians_displaced = cls(
            area=area,
            attribution=attribution,
            count=count,
            incident_id=incident_id,
            type_=type_,
            actor=actor,
            affected=affected,
            destination=destination,
        )

        return civilians_displaced

