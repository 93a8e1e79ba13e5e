from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="LinkState")



@_attrs_define
class LinkState:
    """ 
        Attributes:
            active (bool):
            claim_ids (list[str]):
            link_id (str):
            reason (str):
            version (int):
            undone_because (None | str | Unset):
     """

    active: bool
    claim_ids: list[str]
    link_id: str
    reason: str
    version: int
    undone_because: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        active = self.active

        claim_ids = self.claim_ids



        link_id = self.link_id

        reason = self.reason

        version = self.version

        undone_because: None | str | Unset
        if isinstance(self.undone_because, Unset):
            undone_because = UNSET
        else:
            undone_because = self.undone_because


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active": active,
            "claim_ids": claim_ids,
            "link_id": link_id,
            "reason": reason,
            "version": version,
        })
        if undone_because is not UNSET:
            field_dict["undone_because"] = undone_because

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        claim_ids = cast(list[str], d.pop("claim_ids"))


        link_id = d.pop("link_id")

        reason = d.pop("reason")

        version = d.pop("version")

        def _parse_undone_because(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        undone_because = _parse_undone_because(d.pop("undone_because", UNSET))


        link_state = cls(
            active=active,
            claim_ids=claim_ids,
            link_id=link_id,
            reason=reason,
            version=version,
            undone_because=undone_because,
        )


        link_state.additional_properties = d
        return link_state

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
