from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.receipt_event import ReceiptEvent





T = TypeVar("T", bound="Receipt")



@_attrs_define
class Receipt:
    """ 
        Attributes:
            cursor (str):
            events (list[ReceiptEvent]):
            recorded_at (datetime.datetime):
            stream_id (str):
            stream_version (int):
     """

    cursor: str
    events: list[ReceiptEvent]
    recorded_at: datetime.datetime
    stream_id: str
    stream_version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.receipt_event import ReceiptEvent # noqa: PLC0415
        cursor = self.cursor

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)



        recorded_at = self.recorded_at.isoformat()

        stream_id = self.stream_id

        stream_version = self.stream_version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "cursor": cursor,
            "events": events,
            "recorded_at": recorded_at,
            "stream_id": stream_id,
            "stream_version": stream_version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.receipt_event import ReceiptEvent # noqa: PLC0415
        d = dict(src_dict)
        cursor = d.pop("cursor")

        events = []
        _events = d.pop("events")
        for events_item_data in (_events):
            events_item = ReceiptEvent.from_dict(events_item_data)



            events.append(events_item)


        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))




        stream_id = d.pop("stream_id")

        stream_version = d.pop("stream_version")

        receipt = cls(
            cursor=cursor,
            events=events,
            recorded_at=recorded_at,
            stream_id=stream_id,
            stream_version=stream_version,
        )


        receipt.additional_properties = d
        return receipt

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
