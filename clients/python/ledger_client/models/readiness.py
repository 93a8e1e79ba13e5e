from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.vitals import Vitals





T = TypeVar("T", bound="Readiness")



@_attrs_define
class Readiness:
    """ 
        Attributes:
            ready (bool):
            reasons (list[str]):
            vitals (Vitals):
     """

    ready: bool
    reasons: list[str]
    vitals: Vitals
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.vitals import Vitals # noqa: PLC0415
        ready = self.ready

        reasons = self.reasons



        vitals = self.vitals.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "ready": ready,
            "reasons": reasons,
            "vitals": vitals,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.vitals import Vitals # noqa: PLC0415
        d = dict(src_dict)
        ready = d.pop("ready")

        reasons = cast(list[str], d.pop("reasons"))


        vitals = Vitals.from_dict(d.pop("vitals"))




        readiness = cls(
            ready=ready,
            reasons=reasons,
            vitals=vitals,
        )


        readiness.additional_properties = d
        return readiness

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
