from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.displacement_row_kind import DisplacementRowKind
from ..models.displacement_row_origin import DisplacementRowOrigin
from typing import cast
import datetime






T = TypeVar("T", bound="DisplacementRow")



@_attrs_define
class DisplacementRow:
    """ 
        Attributes:
            area (str):
            best (int):
            claim_ids (list[str]):
            high (int | None):
            id (str):
            kind (DisplacementRowKind):
            low (int):
            origin (DisplacementRowOrigin):
            parties (list[str]):
            period_as_stated (None | str):
            period_end (datetime.datetime | None):
            period_start (datetime.datetime | None):
            sources (list[str]):
     """

    area: str
    best: int
    claim_ids: list[str]
    high: int | None
    id: str
    kind: DisplacementRowKind
    low: int
    origin: DisplacementRowOrigin
    parties: list[str]
    period_as_stated: None | str
    period_end: datetime.datetime | None
    period_start: datetime.datetime | None
    sources: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        area = self.area

        best = self.best

        claim_ids = self.claim_ids



        high: int | None
        high = self.high

        id = self.id

        kind = self.kind.value

        low = self.low

        origin = self.origin.value

        parties = self.parties



        period_as_stated: None | str
        period_as_stated = self.period_as_stated

        period_end: None | str
        if isinstance(self.period_end, datetime.datetime):
            period_end = self.period_end.isoformat()
        else:
            period_end = self.period_end

        period_start: None | str
        if isinstance(self.period_start, datetime.datetime):
            period_start = self.period_start.isoformat()
        else:
            period_start = self.period_start

        sources = self.sources




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "area": area,
            "best": best,
            "claim_ids": claim_ids,
            "high": high,
            "id": id,
            "kind": kind,
            "low": low,
            "origin": origin,
            "parties": parties,
            "period_as_stated": period_as_stated,
            "period_end": period_end,
            "period_start": period_start,
            "sources": sources,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        area = d.pop("area")

        best = d.pop("best")

        claim_ids = cast(list[str], d.pop("claim_ids"))


        def _parse_high(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        high = _parse_high(d.pop("high"))


        id = d.pop("id")

        kind = DisplacementRowKind(d.pop("kind"))




        low = d.pop("low")

        origin = DisplacementRowOrigin(d.pop("origin"))




        parties = cast(list[str], d.pop("parties"))


        def _parse_period_as_stated(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        period_as_stated = _parse_period_as_stated(d.pop("period_as_stated"))


        def _parse_period_end(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_end_type_0 = datetime.datetime.fromisoformat(data)



                return period_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        period_end = _parse_period_end(d.pop("period_end"))


        def _parse_period_start(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_start_type_0 = datetime.datetime.fromisoformat(data)



                return period_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        period_start = _parse_period_start(d.pop("period_start"))


        sources = cast(list[str], d.pop("sources"))


        displacement_row = cls(
            area=area,
            best=best,
            claim_ids=claim_ids,
            high=high,
            id=id,
            kind=kind,
            low=low,
            origin=origin,
            parties=parties,
            period_as_stated=period_as_stated,
            period_end=period_end,
            period_start=period_start,
            sources=sources,
        )


        displacement_row.additional_properties = d
        return displacement_row

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
