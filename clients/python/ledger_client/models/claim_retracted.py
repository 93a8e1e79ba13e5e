from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast

if TYPE_CHECKING:
  from ..models.attribution import Attribution





T = TypeVar("T", bound="ClaimRetracted")



@_attrs_define
class ClaimRetracted:
    """ 
        Attributes:
            attribution (Attribution):
            incident_id (str):
            reason (str):
            target_event_id (str):
            type_ (Literal['claim.retracted'] | Unset):
     """

    attribution: Attribution
    incident_id: str
    reason: str
    target_event_id: str
    type_: Literal['claim.retracted'] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.attribution import Attribution # noqa: PLC0415
        attribution = self.attribution.to_dict()

        incident_id = self.incident_id

        reason = self.reason

        target_event_id = self.target_event_id

        type_ = self.type_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "attribution": attribution,
            "incident_id": incident_id,
            "reason": reason,
            "target_event_id": target_event_id,
        })
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribution import Attribution # noqa: PLC0415
        d = dict(src_dict)
        attribution = Attribution.from_dict(d.pop("attribution"))




        incident_id = d.pop("incident_id")

        reason = d.pop("reason")

        target_event_id = d.pop("target_event_id")

        type_ = cast(Literal['claim.retracted'] | Unset , d.pop("type", UNSET))
        if type_ != 'claim.retracted'and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'claim.retracted', got '{type_}'")

        claim_retracted = cls(
            attribution=attribution,
            incident_id=incident_id,
            reason=reason,
            target_event_id=target_event_id,
            type_=type_,
        )

        return claim_retracted

