from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.estimate import Estimate





T = TypeVar("T", bound="Deployment")



@_attrs_define
class Deployment:
    """ 
        Attributes:
            area (str):
            claim_id (str):
            incident_id (str):
            movement (str):
            party (str):
            reported_at (datetime.datetime):
            size (Estimate):
            source_id (str):
            unit (None | str):
     """

    area: str
    claim_id: str
    incident_id: str
    movement: str
    party: str
    reported_at: datetime.datetime
    size: Estimate
    source_id: str
    unit: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.estimate import Estimate # noqa: PLC0415
        area = self.area

        claim_id = self.claim_id

        incident_id = self.incident_id

        movement = self.movement

        party = self.party

        reported_at = self.reported_at.isoformat()

        size = self.size.to_dict()

        source_id = self.source_id

        unit: None | str
        unit = self.unit


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "area": area,
            "claim_id": claim_id,
            "incident_id": incident_id,
            "movement": movement,
            "party": party,
            "reported_at": reported_at,
            "size": size,
            "source_id": source_id,
            "unit": unit,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.estimate import Estimate # noqa: PLC0415
        d = dict(src_dict)
        area = d.pop("area")

        claim_id = d.pop("claim_id")

        incident_id = d.pop("incident_id")

        movement = d.pop("movement")

        party = d.pop("party")

        reported_at = datetime.datetime.fromisoformat(d.pop("reported_at"))




        size = Estimate.from_dict(d.pop("size"))




        source_id = d.pop("source_id")

        def _parse_unit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unit = _parse_unit(d.pop("unit"))


        deployment = cls(
            area=area,
            claim_id=claim_id,
            incident_id=incident_id,
            movement=movement,
            party=party,
            reported_at=reported_at,
            size=size,
            source_id=source_id,
            unit=unit,
        )


        deployment.additional_properties = d
        return deployment

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
