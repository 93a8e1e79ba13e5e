from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.qualifier import Qualifier
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Estimate")



@_attrs_define
class Estimate:
    """ 
        Attributes:
            low (int):
            best (int | None | Unset):
            high (int | None | Unset):
            qualifier (Qualifier | Unset): How a source qualified a number ("55", "more than 90", "dozens").
     """

    low: int
    best: int | None | Unset = UNSET
    high: int | None | Unset = UNSET
    qualifier: Qualifier | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        low = self.low

        best: int | None | Unset
        if isinstance(self.best, Unset):
            best = UNSET
        else:
            best = self.best

        high: int | None | Unset
        if isinstance(self.high, Unset):
            high = UNSET
        else:
            high = self.high

        qualifier: str | Unset = UNSET
        if not isinstance(self.qualifier, Unset):
            qualifier = self.qualifier.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
            "low": low,
        })
        if best is not UNSET:
            field_dict["best"] = best
        if high is not UNSET:
            field_dict["high"] = high
        if qualifier is not UNSET:
            field_dict["qualifier"] = qualifier

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        low = d.pop("low")

        def _parse_best(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        best = _parse_best(d.pop("best", UNSET))


        def _parse_high(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        high = _parse_high(d.pop("high", UNSET))


        _qualifier = d.pop("qualifier", UNSET)
        qualifier: Qualifier | Unset
        if isinstance(_qualifier,  Unset):
            qualifier = UNSET
        else:
            qualifier = Qualifier(_qualifier)




        estimate = cls(
            low=low,
            best=best,
            high=high,
            qualifier=qualifier,
        )

        return estimate

