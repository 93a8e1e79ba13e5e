from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PoolUse")



@_attrs_define
class PoolUse:
    """ 
        Attributes:
            connections (int):
            idle (int):
            max_connections (int):
            requests_waiting (int):
     """

    connections: int
    idle: int
    max_connections: int
    requests_waiting: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        connections = self.connections

        idle = self.idle

        max_connections = self.max_connections

        requests_waiting = self.requests_waiting


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "connections": connections,
            "idle": idle,
            "max_connections": max_connections,
            "requests_waiting": requests_waiting,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        connections = d.pop("connections")

        idle = d.pop("idle")

        max_connections = d.pop("max_connections")

        requests_waiting = d.pop("requests_waiting")

        pool_use = cls(
            connections=connections,
            idle=idle,
            max_connections=max_connections,
            requests_waiting=requests_waiting,
        )


        pool_use.additional_properties = d
        return pool_use

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
