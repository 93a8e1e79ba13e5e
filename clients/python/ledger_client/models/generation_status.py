from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="GenerationStatus")



@_attrs_define
class GenerationStatus:
    """ 
        Attributes:
            events_applied (int):
            events_per_second (float):
            generation (int):
            lag_capped (bool):
            lag_events (int):
            lag_seconds (float):
            last_error (None | str):
            poison_events (int):
            position (str):
            started_at (datetime.datetime):
            state (str):
            updated_at (datetime.datetime):
            version (int):
     """

    events_applied: int
    events_per_second: float
    generation: int
    lag_capped: bool
    lag_events: int
    lag_seconds: float
    last_error: None | str
    poison_events: int
    position: str
    started_at: datetime.datetime
    state: str
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        events_applied = self.events_applied

        events_per_second = self.events_per_second

        generation = self.generation

        lag_capped = self.lag_capped

        lag_events = self.lag_events

        lag_seconds = self.lag_seconds

        last_error: None | str
        last_error = self.last_error

        poison_events = self.poison_events

        position = self.position

        started_at = self.started_at.isoformat()

        state = self.state

        updated_at = self.updated_at.isoformat()

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "events_applied": events_applied,
            "events_per_second": events_per_second,
            "generation": generation,
            "lag_capped": lag_capped,
            "lag_events": lag_events,
            "lag_seconds": lag_seconds,
            "last_error": last_error,
            "poison_events": poison_events,
            "position": position,
            "started_at": started_at,
            "state": state,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        events_applied = d.pop("events_applied")

        events_per_second = d.pop("events_per_second")

        generation = d.pop("generation")

        lag_capped = d.pop("lag_capped")

        lag_events = d.pop("lag_events")

        lag_seconds = d.pop("lag_seconds")

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))


        poison_events = d.pop("poison_events")

        position = d.pop("position")

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))




        state = d.pop("state")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        generation_status = cls(
            events_applied=events_applied,
            events_per_second=events_per_second,
            generation=generation,
            lag_capped=lag_capped,
            lag_events=lag_events,
            lag_seconds=lag_seconds,
            last_error=last_error,
            poison_events=poison_events,
            position=position,
            started_at=started_at,
            state=state,
            updated_at=updated_at,
            version=version,
        )


        generation_status.additional_properties = d
        return generation_status

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
