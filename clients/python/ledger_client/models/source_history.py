from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.revision import Revision





T = TypeVar("T", bound="SourceHistory")



@_attrs_define
class SourceHistory:
    """ 
        Attributes:
            revisions (list[Revision]):
            source_id (str):
     """

    revisions: list[Revision]
    source_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.revision import Revision # noqa: PLC0415
        revisions = []
        for revisions_item_data in self.revisions:
            revisions_item = revisions_item_data.to_dict()
            revisions.append(revisions_item)



        source_id = self.source_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "revisions": revisions,
            "source_id": source_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.revision import Revision # noqa: PLC0415
        d = dict(src_dict)
        revisions = []
        _revisions = d.pop("revisions")
        for revisions_item_data in (_revisions):
            revisions_item = Revision.from_dict(revisions_item_data)



            revisions.append(revisions_item)


        source_id = d.pop("source_id")

        source_history = cls(
            revisions=revisions,
            source_id=source_id,
        )


        source_history.additional_properties = d
        return source_history

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
