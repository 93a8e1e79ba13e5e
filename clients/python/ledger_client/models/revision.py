from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.reliability_grade import ReliabilityGrade
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.change import Change





T = TypeVar("T", bound="Revision")



@_attrs_define
class Revision:
    """ 
        Attributes:
            changes (list[Change]):
            event_id (str):
            position (int):
            principal (None | str):
            recorded_at (datetime.datetime):
            source_grade (None | ReliabilityGrade):
            source_id (None | str):
            type_ (str):
            version (int):
     """

    changes: list[Change]
    event_id: str
    position: int
    principal: None | str
    recorded_at: datetime.datetime
    source_grade: None | ReliabilityGrade
    source_id: None | str
    type_: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.change import Change # noqa: PLC0415
        changes = []
        for changes_item_data in self.changes:
            changes_item = changes_item_data.to_dict()
            changes.append(changes_item)



        event_id = self.event_id

        position = self.position

        principal: None | str
        principal = self.principal

        recorded_at = self.recorded_at.isoformat()

        source_grade: None | str
        if isinstance(self.source_grade, ReliabilityGrade):
            source_grade = self.source_grade.value
        else:
            source_grade = self.source_grade

        source_id: None | str
        source_id = self.source_id

        type_ = self.type_

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "changes": changes,
            "event_id": event_id,
            "position": position,
            "principal": principal,
            "recorded_at": recorded_at,
            "source_grade": source_grade,
            "source_id": source_id,
            "type": type_,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.change import Change # noqa: PLC0415
        d = dict(src_dict)
        changes = []
        _changes = d.pop("changes")
        for changes_item_data in (_changes):
            changes_item = Change.from_dict(changes_item_data)



            changes.append(changes_item)


        event_id = d.pop("event_id")

        position = d.pop("position")

        def _parse_principal(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        principal = _parse_principal(d.pop("principal"))


        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))




        def _parse_source_grade(data: object) -> None | ReliabilityGrade:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_grade_type_0 = ReliabilityGrade(data)



                return source_grade_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReliabilityGrade, data)

        source_grade = _parse_source_grade(d.pop("source_grade"))


        def _parse_source_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source_id = _parse_source_id(d.pop("source_id"))


        type_ = d.pop("type")

        version = d.pop("version")

        revision = cls(
            changes=changes,
            event_id=event_id,
            position=position,
            principal=principal,
            recorded_at=recorded_at,
            source_grade=source_grade,
            source_id=source_id,
            type_=type_,
            version=version,
        )


        revision.additional_properties = d
        return revision

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
