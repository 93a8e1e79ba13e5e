from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.reliability_grade import ReliabilityGrade
from ..models.source_kind import SourceKind
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.grade_change import GradeChange





T = TypeVar("T", bound="SourceState")



@_attrs_define
class SourceState:
    """ 
        Attributes:
            grade (ReliabilityGrade): Reliability of a source, A (completely reliable) to F (cannot be judged).
            grades (list[GradeChange]):
            kind (SourceKind): What kind of body a source is.
            name (str):
            party (None | str):
            registered_at (datetime.datetime):
            source_id (str):
            version (int):
     """

    grade: ReliabilityGrade
    grades: list[GradeChange]
    kind: SourceKind
    name: str
    party: None | str
    registered_at: datetime.datetime
    source_id: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.grade_change import GradeChange # noqa: PLC0415
        grade = self.grade.value

        grades = []
        for grades_item_data in self.grades:
            grades_item = grades_item_data.to_dict()
            grades.append(grades_item)



        kind = self.kind.value

        name = self.name

        party: None | str
        party = self.party

        registered_at = self.registered_at.isoformat()

        source_id = self.source_id

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "grade": grade,
            "grades": grades,
            "kind": kind,
            "name": name,
            "party": party,
            "registered_at": registered_at,
            "source_id": source_id,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.grade_change import GradeChange # noqa: PLC0415
        d = dict(src_dict)
        grade = ReliabilityGrade(d.pop("grade"))




        grades = []
        _grades = d.pop("grades")
        for grades_item_data in (_grades):
            grades_item = GradeChange.from_dict(grades_item_data)



            grades.append(grades_item)


        kind = SourceKind(d.pop("kind"))




        name = d.pop("name")

        def _parse_party(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        party = _parse_party(d.pop("party"))


        registered_at = datetime.datetime.fromisoformat(d.pop("registered_at"))




        source_id = d.pop("source_id")

        version = d.pop("version")

        source_state = cls(
            grade=grade,
            grades=grades,
            kind=kind,
            name=name,
            party=party,
            registered_at=registered_at,
            source_id=source_id,
            version=version,
        )


        source_state.additional_properties = d
        return source_state

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
