from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.time_precision import TimePrecision
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Attribution")



@_attrs_define
class Attribution:
    """ 
        Attributes:
            credibility (int):
            reported_at (datetime.datetime):
            source_id (str):
            quote (None | str | Unset):
            relays (None | str | Unset):
            relays_claim (None | str | Unset):
            reported_precision (TimePrecision | Unset): How precisely a source placed an incident in time.
            url (None | str | Unset):
     """

    credibility: int
    reported_at: datetime.datetime
    source_id: str
    quote: None | str | Unset = UNSET
    relays: None | str | Unset = UNSET
    relays_claim: None | str | Unset = UNSET
    reported_precision: TimePrecision | Unset = UNSET
    url: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        credibility = self.credibility

        reported_at = self.reported_at.isoformat()

        source_id = self.source_id

        quote: None | str | Unset
        if isinstance(self.quote, Unset):
            quote = UNSET
        else:
            quote = self.quote

        relays: None | str | Unset
        if isinstance(self.relays, Unset):
            relays = UNSET
        else:
            relays = self.relays

        relays_claim: None | str | Unset
        if isinstance(self.relays_claim, Unset):
            relays_claim = UNSET
        else:
            relays_claim = self.relays_claim

        reported_precision: str | Unset = UNSET
        if not isinstance(self.reported_precision, Unset):
            reported_precision = self.reported_precision.value


        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "credibility": credibility,
            "reported_at": reported_at,
            "source_id": source_id,
        })
        if quote is not UNSET:
            field_dict["quote"] = quote
        if relays is not UNSET:
            field_dict["relays"] = relays
        if relays_claim is not UNSET:
            field_dict["relays_claim"] = relays_claim
        if reported_precision is not UNSET:
            field_dict["reported_precision"] = reported_precision
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        credibility = d.pop("credibility")

        reported_at = datetime.datetime.fromisoformat(d.pop("reported_at"))




        source_id = d.pop("source_id")

        def _parse_quote(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        quote = _parse_quote(d.pop("quote", UNSET))


        def _parse_relays(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        relays = _parse_relays(d.pop("relays", UNSET))


        def _parse_relays_claim(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        relays_claim = _parse_relays_claim(d.pop("relays_claim", UNSET))


        _reported_precision = d.pop("reported_precision", UNSET)
        reported_precision: TimePrecision | Unset
        if isinstance(_reported_precision,  Unset):
            reported_precision = UNSET
        else:
            reported_precision = TimePrecision(_reported_precision)




        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))


        attribution = cls(
            credibility=credibility,
            reported_at=reported_at,
            source_id=source_id,
            quote=quote,
            relays=relays,
            relays_claim=relays_claim,
            reported_precision=reported_precision,
            url=url,
        )

        return attribution

