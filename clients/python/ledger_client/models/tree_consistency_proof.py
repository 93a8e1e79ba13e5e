from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="TreeConsistencyProof")



@_attrs_define
class TreeConsistencyProof:
    """ 
        Attributes:
            checkpoint (str):
            from_size (int):
            hashes (list[str]):
            to_size (int):
     """

    checkpoint: str
    from_size: int
    hashes: list[str]
    to_size: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        checkpoint = self.checkpoint

        from_size = self.from_size

        hashes = self.hashes



        to_size = self.to_size


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "checkpoint": checkpoint,
            "from_size": from_size,
            "hashes": hashes,
            "to_size": to_size,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        checkpoint = d.pop("checkpoint")

        from_size = d.pop("from_size")

        hashes = cast(list[str], d.pop("hashes"))


        to_size = d.pop("to_size")

        tree_consistency_proof = cls(
            checkpoint=checkpoint,
            from_size=from_size,
            hashes=hashes,
            to_size=to_size,
        )


        tree_consistency_proof.additional_properties = d
        return tree_consistency_proof

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
