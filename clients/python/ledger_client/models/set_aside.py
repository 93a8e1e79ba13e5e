from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="SetAside")



@_attrs_define
class SetAside:
    """ 
        Attributes:
            error (str):
            event_id (str):
            event_type (str):
            generation (int):
            position (int):
            projection (str):
            recorded_at (datetime.datetime):
     """

    error: str
    event_id: str
    event_type: str
    generation: int
    position: int
    projection: str
    recorded_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        error = self.error

        event_id = self.event_id

        event_type = self.event_type

        generation = self.generation

        position = self.position

        projection = self.projection

        recorded_at = self.recorded_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "error": error,
            "event_id": event_id,
            "event_type": event_type,
            "generation": generation,
            "position": position,
            "projection": projection,
            "recorded_at": recorded_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error = d.pop("error")

        event_id = d.pop("event_id")

        event_type = d.pop("event_type")

        generation = d.pop("generation")

        position = d.pop("position")

        projection = d.pop("projection")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))




        set_aside = cls(
            error=error,
            event_id=event_id,
            event_type=event_type,
            generation=generation,
            position=position,
            projection=projection,
            recorded_at=recorded_at,
        )


        set_aside.additional_properties = d
        return set_aside

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
