from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="RowEvidence")



@_attrs_define
class RowEvidence:
    """ 
        Attributes:
            claim_ids (list[str]):
            positions (list[int]):
            row (int):
     """

    claim_ids: list[str]
    positions: list[int]
    row: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        claim_ids = self.claim_ids



        positions = self.positions



        row = self.row


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "claim_ids": claim_ids,
            "positions": positions,
            "row": row,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        claim_ids = cast(list[str], d.pop("claim_ids"))


        positions = cast(list[int], d.pop("positions"))


        row = d.pop("row")

        row_evidence = cls(
            claim_ids=claim_ids,
            positions=positions,
            row=row,
        )


        row_evidence.additional_properties = d
        return row_evidence

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
