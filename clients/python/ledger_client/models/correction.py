from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.correction_changes import CorrectionChanges
  from ..models.correction_previous import CorrectionPrevious





T = TypeVar("T", bound="Correction")



@_attrs_define
class Correction:
    """ 
        Attributes:
            changes (CorrectionChanges):
            event_id (str):
            previous (CorrectionPrevious):
            reason (str):
            recorded_at (datetime.datetime):
            source_id (str):
     """

    changes: CorrectionChanges
    event_id: str
    previous: CorrectionPrevious
    reason: str
    recorded_at: datetime.datetime
    source_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.correction_changes import CorrectionChanges # noqa: PLC0415
        from ..models.correction_previous import CorrectionPrevious # noqa: PLC0415
        changes = self.changes.to_dict()

        event_id = self.event_id

        previous = self.previous.to_dict()

        reason = self.reason

        recorded_at = self.recorded_at.isoformat()

        source_id = self.source_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "changes": changes,
            "event_id": event_id,
            "previous": previous,
            "reason": reason,
            "recorded_at": recorded_at,
            "source_id": source_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.correction_changes import CorrectionChanges # noqa: PLC0415
        from ..models.correction_previous import CorrectionPrevious # noqa: PLC0415
        d = dict(src_dict)
        changes = CorrectionChanges.from_dict(d.pop("changes"))




        event_id = d.pop("event_id")

        previous = CorrectionPrevious.from_dict(d.pop("previous"))




        reason = d.pop("reason")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))




        source_id = d.pop("source_id")

        correction = cls(
            changes=changes,
            event_id=event_id,
            previous=previous,
            reason=reason,
            recorded_at=recorded_at,
            source_id=source_id,
        )


        correction.additional_properties = d
        return correction

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
