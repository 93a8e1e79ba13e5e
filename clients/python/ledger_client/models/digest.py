from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="Digest")



@_attrs_define
class Digest:
    """ 
        Attributes:
            cursor (str):
            position (int):
            root_hash (str):
            sealed_at (datetime.datetime):
            seq (int):
            token (str):
     """

    cursor: str
    position: int
    root_hash: str
    sealed_at: datetime.datetime
    seq: int
    token: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        cursor = self.cursor

        position = self.position

        root_hash = self.root_hash

        sealed_at = self.sealed_at.isoformat()

        seq = self.seq

        token = self.token


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "cursor": cursor,
            "position": position,
            "root_hash": root_hash,
            "sealed_at": sealed_at,
            "seq": seq,
            "token": token,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cursor = d.pop("cursor")

        position = d.pop("position")

        root_hash = d.pop("root_hash")

        sealed_at = datetime.datetime.fromisoformat(d.pop("sealed_at"))




        seq = d.pop("seq")

        token = d.pop("token")

        digest = cls(
            cursor=cursor,
            position=position,
            root_hash=root_hash,
            sealed_at=sealed_at,
            seq=seq,
            token=token,
        )


        digest.additional_properties = d
        return digest

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
