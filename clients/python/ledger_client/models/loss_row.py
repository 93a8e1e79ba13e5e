from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="LossRow")



@_attrs_define
class LossRow:
    """ 
        Attributes:
            best (int):
            group (str):
            high (int | None):
            incidents (int):
            low (int):
            measure (str):
            party (str):
            admin1 (None | str | Unset):
            period (datetime.date | None | Unset):
     """

    best: int
    group: str
    high: int | None
    incidents: int
    low: int
    measure: str
    party: str
    admin1: None | str | Unset = UNSET
    period: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        best = self.best

        group = self.group

        high: int | None
        high = self.high

        incidents = self.incidents

        low = self.low

        measure = self.measure

        party = self.party

        admin1: None | str | Unset
        if isinstance(self.admin1, Unset):
            admin1 = UNSET
        else:
            admin1 = self.admin1

        period: None | str | Unset
        if isinstance(self.period, Unset):
            period = UNSET
        elif isinstance(self.period, datetime.date):
            period = self.period.isoformat()
        else:
            period = self.period


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "best": best,
            "group": group,
            "high": high,
            "incidents": incidents,
            "low": low,
            "measure": measure,
            "party": party,
        })
        if admin1 is not UNSET:
            field_dict["admin1"] = admin1
        if period is not UNSET:
            field_dict["period"] = period

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        best = d.pop("best")

        group = d.pop("group")

        def _parse_high(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        high = _parse_high(d.pop("high"))


        incidents = d.pop("incidents")

        low = d.pop("low")

        measure = d.pop("measure")

        party = d.pop("party")

        def _parse_admin1(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        admin1 = _parse_admin1(d.pop("admin1", UNSET))


        def _parse_period(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_type_0 = datetime.date.fromisoformat(data)



                return period_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        period = _parse_period(d.pop("period", UNSET))


        loss_row = cls(
            best=best,
            group=group,
            high=high,
            incidents=incidents,
            low=low,
            measure=measure,
            party=party,
            admin1=admin1,
            period=period,
        )


        loss_row.additional_properties = d
        return loss_row

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
