from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.movement import Movement
from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast

if TYPE_CHECKING:
  from ..models.attribution import Attribution
  from ..models.estimate import Estimate





T = TypeVar("T", bound="ForcesDeployed")



@_attrs_define
class ForcesDeployed:
    """ 
        Attributes:
            area (str):
            attribution (Attribution):
            incident_id (str):
            movement (Movement): Whether forces arrived or left.
            party (str):
            size (Estimate):
            type_ (Literal['forces.deployed']):
            unit (None | str | Unset):
     """

    area: str
    attribution: Attribution
    incident_id: str
    movement: Movement
    party: str
    size: Estimate
    type_: Literal['forces.deployed']
    unit: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.attribution import Attribution # noqa: PLC0415
        from ..models.estimate import Estimate # noqa: PLC0415
        area = self.area

        attribution = self.attribution.to_dict()

        incident_id = self.incident_id

        movement = self.movement.value

        party = self.party

        size = self.size.to_dict()

        type_ = self.type_

        unit: None | str | Unset
        if isinstance(self.unit, Unset):
            unit = UNSET
        else:
            unit = self.unit


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "area": area,
            "attribution": attribution,
            "incident_id": incident_id,
            "movement": movement,
            "party": party,
            "size": size,
            "type": type_,
        })
        if unit is not UNSET:
            field_dict["unit"] = unit

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribution import Attribution # noqa: PLC0415
        from ..models.estimate import Estimate # noqa: PLC0415
        d = dict(src_dict)
        area = d.pop("area")

        attribution = Attribution.from_dict(d.pop("attribution"))




        incident_id = d.pop("incident_id")

        movement = Movement(d.pop("movement"))




        party = d.pop("party")

        size = Estimate.from_dict(d.pop("size"))




        type_ = cast(Literal['forces.deployed'] , d.pop("type"))
        if type_ != 'forces.deployed':
            raise ValueError(f"type must match const 'forces.deployed', got '{type_}'")

        def _parse_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unit = _parse_unit(d.pop("unit", UNSET))


        forces_deployed = cls(
            area=area,
            attribution=attribution,
            incident_id=incident_id,
            movement=movement,
            party=party,
            size=size,
            type_=type_,
            unit=unit,
        )

        return forces_deployed

