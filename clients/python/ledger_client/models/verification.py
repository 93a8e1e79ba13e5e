from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.mismatch import Mismatch





T = TypeVar("T", bound="Verification")



@_attrs_define
class Verification:
    """ 
        Attributes:
            checked (int):
            first_mismatch (Mismatch | None):
            from_position (int | None):
            ok (bool):
            sealed_position (int | None):
            unsealed (int):
     """

    checked: int
    first_mismatch: Mismatch | None
    from_position: int | None
    ok: bool
    sealed_position: int | None
    unsealed: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.mismatch import Mismatch # noqa: PLC0415
        checked = self.checked

        first_mismatch: dict[str, Any] | None
        if isinstance(self.first_mismatch, Mismatch):
            first_mismatch = self.first_mismatch.to_dict()
        else:
            first_mismatch = self.first_mismatch

        from_position: int | None
        from_position = self.from_position

        ok = self.ok

        sealed_position: int | None
        sealed_position = self.sealed_position

        unsealed = self.unsealed


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "checked": checked,
            "first_mismatch": first_mismatch,
            "from_position": from_position,
            "ok": ok,
            "sealed_position": sealed_position,
            "unsealed": unsealed,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mismatch import Mismatch # noqa: PLC0415
        d = dict(src_dict)
        checked = d.pop("checked")

        def _parse_first_mismatch(data: object) -> Mismatch | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                first_mismatch_type_0 = Mismatch.from_dict(data)



                return first_mismatch_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Mismatch | None, data)

        first_mismatch = _parse_first_mismatch(d.pop("first_mismatch"))


        def _parse_from_position(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        from_position = _parse_from_position(d.pop("from_position"))


        ok = d.pop("ok")

        def _parse_sealed_position(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        sealed_position = _parse_sealed_position(d.pop("sealed_position"))


        unsealed = d.pop("unsealed")

        verification = cls(
            checked=checked,
            first_mismatch=first_mismatch,
            from_position=from_position,
            ok=ok,
            sealed_position=sealed_position,
            unsealed=unsealed,
        )


        verification.additional_properties = d
        return verification

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
