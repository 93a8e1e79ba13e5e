from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.reliability_grade import ReliabilityGrade
from ..types import UNSET, Unset
from typing import Literal, cast






T = TypeVar("T", bound="SourceRegraded")



@_attrs_define
class SourceRegraded:
    """ 
        Attributes:
            grade (ReliabilityGrade): Reliability of a source, A (completely reliable) to F (cannot be judged).
            reason (str):
            source_id (str):
            type_ (Literal['source.regraded'] | Unset):
     """

    grade: ReliabilityGrade
    reason: str
    source_id: str
    type_: Literal['source.regraded'] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        grade = self.grade.value

        reason = self.reason

        source_id = self.source_id

        type_ = self.type_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "grade": grade,
            "reason": reason,
            "source_id": source_id,
        })
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        grade = ReliabilityGrade(d.pop("grade"))




        reason = d.pop("reason")

        source_id = d.pop("source_id")

        type_ = cast(Literal['source.regraded'] | Unset , d.pop("type", UNSET))
        if type_ != 'source.regraded'and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'source.regraded', got '{type_}'")

        source_regraded = cls(
            grade=grade,
            reason=reason,
            source_id=source_id,
            type_=type_,
        )

        return source_regraded

