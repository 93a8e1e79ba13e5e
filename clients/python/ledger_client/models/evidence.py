from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.proven_event import ProvenEvent
  from ..models.row_evidence import RowEvidence





T = TypeVar("T", bound="Evidence")



@_attrs_define
class Evidence:
    """ 
        Attributes:
            checkpoint (str):
            events (list[ProvenEvent]):
            rows (list[RowEvidence]):
            tree_size (int):
     """

    checkpoint: str
    events: list[ProvenEvent]
    rows: list[RowEvidence]
    tree_size: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.proven_event import ProvenEvent # noqa: PLC0415
        from ..models.row_evidence import RowEvidence # noqa: PLC0415
        checkpoint = self.checkpoint

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)



        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)



        tree_size = self.tree_size


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "checkpoint": checkpoint,
            "events": events,
            "rows": rows,
            "tree_size": tree_size,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.proven_event import ProvenEvent # noqa: PLC0415
        from ..models.row_evidence import RowEvidence # noqa: PLC0415
        d = dict(src_dict)
        checkpoint = d.pop("checkpoint")

        events = []
        _events = d.pop("events")
        for events_item_data in (_events):
            events_item = ProvenEvent.from_dict(events_item_data)



            events.append(events_item)


        rows = []
        _rows = d.pop("rows")
        for rows_item_data in (_rows):
            rows_item = RowEvidence.from_dict(rows_item_data)



            rows.append(rows_item)


        tree_size = d.pop("tree_size")

        evidence = cls(
            checkpoint=checkpoint,
            events=events,
            rows=rows,
            tree_size=tree_size,
        )


        evidence.additional_properties = d
        return evidence

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
