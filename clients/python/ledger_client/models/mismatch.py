from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.mismatch_problem import MismatchProblem
from typing import cast






T = TypeVar("T", bound="Mismatch")



@_attrs_define
class Mismatch:
    """ 
        Attributes:
            detail (str):
            position (int):
            problem (MismatchProblem):
            seq (int | None):
     """

    detail: str
    position: int
    problem: MismatchProblem
    seq: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        position = self.position

        problem = self.problem.value

        seq: int | None
        seq = self.seq


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "detail": detail,
            "position": position,
            "problem": problem,
            "seq": seq,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        detail = d.pop("detail")

        position = d.pop("position")

        problem = MismatchProblem(d.pop("problem"))




        def _parse_seq(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        seq = _parse_seq(d.pop("seq"))


        mismatch = cls(
            detail=detail,
            position=position,
            problem=problem,
            seq=seq,
        )


        mismatch.additional_properties = d
        return mismatch

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
