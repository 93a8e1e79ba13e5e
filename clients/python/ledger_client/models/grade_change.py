from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.reliability_grade import ReliabilityGrade
from typing import cast
import datetime






T = TypeVar("T", bound="GradeChange")



@_attrs_define
class GradeChange:
    """ 
        Attributes:
            event_id (str):
            grade (ReliabilityGrade): Reliability of a source, A (completely reliable) to F (cannot be judged).
            reason (None | str):
            recorded_at (datetime.datetime):
     """

    event_id: str
    grade: ReliabilityGrade
    reason: None | str
    recorded_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        event_id = self.event_id

        grade = self.grade.value

        reason: None | str
        reason = self.reason

        recorded_at = self.recorded_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "event_id": event_id,
            "grade": grade,
            "reason": reason,
            "recorded_at": recorded_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event_id = d.pop("event_id")

        grade = ReliabilityGrade(d.pop("grade"))




        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))


        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))




        grade_change = cls(
            event_id=event_id,
            grade=grade,
            reason=reason,
            recorded_at=recorded_at,
        )


        grade_change.additional_properties = d
        return grade_change

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
