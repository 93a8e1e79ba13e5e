from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast






T = TypeVar("T", bound="ClaimsLinked")



@_attrs_define
class ClaimsLinked:
    """ 
        Attributes:
            claim_ids (list[str]):
            link_id (str):
            reason (str):
            type_ (Literal['claims.linked'] | Unset):
     """

    claim_ids: list[str]
    link_id: str
    reason: str
    type_: Literal['claims.linked'] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        claim_ids = self.claim_ids



        link_id = self.link_id

        reason = self.reason

        type_ = self.type_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "claim_ids": claim_ids,
            "link_id": link_id,
            "reason": reason,
        })
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        claim_ids = cast(list[str], d.pop("claim_ids"))


        link_id = d.pop("link_id")

        reason = d.pop("reason")

        type_ = cast(Literal['claims.linked'] | Unset , d.pop("type", UNSET))
        if type_ != 'claims.linked'and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'claims.linked', got '{type_}'")

        claims_linked = cls(
            claim_ids=claim_ids,
            link_id=link_id,
            reason=reason,
            type_=type_,
        )

        return claims_linked

