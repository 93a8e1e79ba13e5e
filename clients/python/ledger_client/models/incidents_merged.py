from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import Literal, cast






T = TypeVar("T", bound="IncidentsMerged")



@_attrs_define
class IncidentsMerged:
    """ 
        Attributes:
            incident_id (str):
            merged_incident_id (str):
            reason (str):
            type_ (Literal['incidents.merged'] | Unset):
     """

    incident_id: str
    merged_incident_id: str
    reason: str
    type_: Literal['incidents.merged'] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        incident_id = self.incident_id

        merged_incident_id = self.merged_incident_id

        reason = self.reason

        type_ = self.type_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "incident_id": incident_id,
            "merged_incident_id": merged_incident_id,
            "reason": reason,
        })
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        incident_id = d.pop("incident_id")

        merged_incident_id = d.pop("merged_incident_id")

        reason = d.pop("reason")

        type_ = cast(Literal['incidents.merged'] | Unset , d.pop("type", UNSET))
        if type_ != 'incidents.merged'and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'incidents.merged', got '{type_}'")

        incidents_merged = cls(
            incident_id=incident_id,
            merged_incident_id=merged_incident_id,
            reason=reason,
            type_=type_,
        )

        return incidents_merged

