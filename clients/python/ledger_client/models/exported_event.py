from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.exported_event_data import ExportedEventData
  from ..models.exported_event_metadata import ExportedEventMetadata





T = TypeVar("T", bound="ExportedEvent")



@_attrs_define
class ExportedEvent:
    """ 
        Attributes:
            data (ExportedEventData):
            event_id (UUID):
            metadata (ExportedEventMetadata):
            position (int):
            recorded_at (datetime.datetime):
            schema_version (int):
            stream_id (str):
            stream_version (int):
            transaction_id (int):
            type_ (str):
     """

    data: ExportedEventData
    event_id: UUID
    metadata: ExportedEventMetadata
    position: int
    recorded_at: datetime.datetime
    schema_version: int
    stream_id: str
    stream_version: int
    transaction_id: int
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.exported_event_data import ExportedEventData # noqa: PLC0415
        from ..models.exported_event_metadata import ExportedEventMetadata # noqa: PLC0415
        data = self.data.to_dict()

        event_id = str(self.event_id)

        metadata = self.metadata.to_dict()

        position = self.position

        recorded_at = self.recorded_at.isoformat()

        schema_version = self.schema_version

        stream_id = self.stream_id

        stream_version = self.stream_version

        transaction_id = self.transaction_id

        type_ = self.type_


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "data": data,
            "event_id": event_id,
            "metadata": metadata,
            "position": position,
            "recorded_at": recorded_at,
            "schema_version": schema_version,
            "stream_id": stream_id,
            "stream_version": stream_version,
            "transaction_id": transaction_id,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exported_event_data import ExportedEventData # noqa: PLC0415
        from ..models.exported_event_metadata import ExportedEventMetadata # noqa: PLC0415
        d = dict(src_dict)
        data = ExportedEventData.from_dict(d.pop("data"))




        event_id = UUID(d.pop("event_id"))




        metadata = ExportedEventMetadata.from_dict(d.pop("metadata"))




        position = d.pop("position")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))




        schema_version = d.pop("schema_version")

        stream_id = d.pop("stream_id")

        stream_version = d.pop("stream_version")

        transaction_id = d.pop("transaction_id")

        type_ = d.pop("type")

        exported_event = cls(
            data=data,
            event_id=event_id,
            metadata=metadata,
            position=position,
            recorded_at=recorded_at,
            schema_version=schema_version,
            stream_id=stream_id,
            stream_version=stream_version,
            transaction_id=transaction_id,
            type_=type_,
        )


        exported_event.additional_properties = d
        return exported_event

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
