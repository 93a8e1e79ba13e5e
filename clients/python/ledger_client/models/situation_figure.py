from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.agreement import Agreement
  from ..models.ledger_sum import LedgerSum





T = TypeVar("T", bound="SituationFigure")



@_attrs_define
class SituationFigure:
    """ 
        Attributes:
            area (str):
            best (int):
            claim_ids (list[str]):
            country (None | str):
            high (int | None):
            kind (str):
            low (int):
            measure (None | str):
            parties (list[str]):
            period_as_stated (None | str):
            period_end (datetime.datetime | None):
            period_start (datetime.datetime | None):
            situation_id (str):
            sources (list[str]):
            agreement (Agreement | None | Unset):
            ledger (LedgerSum | None | Unset):
     """

    area: str
    best: int
    claim_ids: list[str]
    country: None | str
    high: int | None
    kind: str
    low: int
    measure: None | str
    parties: list[str]
    period_as_stated: None | str
    period_end: datetime.datetime | None
    period_start: datetime.datetime | None
    situation_id: str
    sources: list[str]
    agreement: Agreement | None | Unset = UNSET
    ledger: LedgerSum | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.agreement import Agreement # noqa: PLC0415
        from ..models.ledger_sum import LedgerSum # noqa: PLC0415
        area = self.area

        best = self.best

        claim_ids = self.claim_ids



        country: None | str
        country = self.country

        high: int | None
        high = self.high

        kind = self.kind

        low = self.low

        measure: None | str
        measure = self.measure

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

        situation_id = self.situation_id

        sources = self.sources



        agreement: dict[str, Any] | None | Unset
        if isinstance(self.agreement, Unset):
            agreement = UNSET
        elif isinstance(self.agreement, Agreement):
            agreement = self.agreement.to_dict()
        else:
            agreement = self.agreement

        ledger: dict[str, Any] | None | Unset
        if isinstance(self.ledger, Unset):
            ledger = UNSET
        elif isinstance(self.ledger, LedgerSum):
            ledger = self.ledger.to_dict()
        else:
            ledger = self.ledger


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "area": area,
            "best": best,
            "claim_ids": claim_ids,
            "country": country,
            "high": high,
            "kind": kind,
            "low": low,
            "measure": measure,
            "parties": parties,
            "period_as_stated": period_as_stated,
            "period_end": period_end,
            "period_start": period_start,
            "situation_id": situation_id,
            "sources": sources,
        })
        if agreement is not UNSET:
            field_dict["agreement"] = agreement
        if ledger is not UNSET:
            field_dict["ledger"] = ledger

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agreement import Agreement # noqa: PLC0415
        from ..models.ledger_sum import LedgerSum # noqa: PLC0415
        d = dict(src_dict)
        area = d.pop("area")

        best = d.pop("best")

        claim_ids = cast(list[str], d.pop("claim_ids"))


        def _parse_country(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        country = _parse_country(d.pop("country"))


        def _parse_high(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        high = _parse_high(d.pop("high"))


        kind = d.pop("kind")

        low = d.pop("low")

        def _parse_measure(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        measure = _parse_measure(d.pop("measure"))


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


        situation_id = d.pop("situation_id")

        sources = cast(list[str], d.pop("sources"))


        def _parse_agreement(data: object) -> Agreement | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                agreement_type_0 = Agreement.from_dict(data)



                return agreement_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Agreement | None | Unset, data)

        agreement = _parse_agreement(d.pop("agreement", UNSET))


        def _parse_ledger(data: object) -> LedgerSum | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                ledger_type_0 = LedgerSum.from_dict(data)



                return ledger_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LedgerSum | None | Unset, data)

        ledger = _parse_ledger(d.pop("ledger", UNSET))


        situation_figure = cls(
            area=area,
            best=best,
            claim_ids=claim_ids,
            country=country,
            high=high,
            kind=kind,
            low=low,
            measure=measure,
            parties=parties,
            period_as_stated=period_as_stated,
            period_end=period_end,
            period_start=period_start,
            situation_id=situation_id,
            sources=sources,
            agreement=agreement,
            ledger=ledger,
        )


        situation_figure.additional_properties = d
        return situation_figure

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
