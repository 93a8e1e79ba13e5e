from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.exported_event import ExportedEvent





T = TypeVar("T", bound="ProvenEvent")



@_attrs_define
class ProvenEvent:
    """ 
        Attributes:
            event (ExportedEvent):
            hashes (list[str]):
            leaf_index (int):
     """

    event: ExportedEvent
    hashes: list[str]
    leaf_index: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.exported_event import ExportedEvent # noqa: PLC0415
        event = self.event.to_dict()

        hashes = self.hashes



        leaf_index = self.leaf_index


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "event": event,
            "hashes": hashes,
            "leaf_index": leaf_index,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exported_event import ExportedEvent # noqa: PLC0415
        d = dict(src_dict)
        event = ExportedEvent.from_dict(d.pop("event"))




        hashes = cast(list[str], d.pop("hashes"))


        leaf_index = d.pop("leaf_index")

        proven_event = cls(
            event=event,
            hashes=hashes,
            leaf_index=leaf_index,
        )


        proven_event.additional_properties = d
        return proven_event

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
