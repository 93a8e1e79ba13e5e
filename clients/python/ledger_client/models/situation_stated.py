from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.loss_measure import LossMeasure
from ..models.situation_kind import SituationKind
from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast
import datetime

if TYPE_CHECKING:
  from ..models.attribution import Attribution
  from ..models.estimate import Estimate





T = TypeVar("T", bound="SituationStated")



@_attrs_define
class SituationStated:
    """ 
        Attributes:
            area (str):
            attribution (Attribution):
            figure (Estimate):
            kind (SituationKind): What a figure about a conflict, area and period (not one incident) counts.
            situation_id (str):
            country (None | str | Unset):
            measure (LossMeasure | None | Unset):
            parties (list[str] | Unset):
            period_as_stated (None | str | Unset):
            period_end (datetime.datetime | None | Unset):
            period_start (datetime.datetime | None | Unset):
            type_ (Literal['situation.stated'] | Unset):
     """

    area: str
    attribution: Attribution
    figure: Estimate
    kind: SituationKind
    situation_id: str
    country: None | str | Unset = UNSET
    measure: LossMeasure | None | Unset = UNSET
    parties: list[str] | Unset = UNSET
    period_as_stated: None | str | Unset = UNSET
    period_end: datetime.datetime | None | Unset = UNSET
    period_start: datetime.datetime | None | Unset = UNSET
    type_: Literal['situation.stated'] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.attribution import Attribution # noqa: PLC0415
        from ..models.estimate import Estimate # noqa: PLC0415
        area = self.area

        attribution = self.attribution.to_dict()

        figure = self.figure.to_dict()

        kind = self.kind.value

        situation_id = self.situation_id

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        measure: None | str | Unset
        if isinstance(self.measure, Unset):
            measure = UNSET
        elif isinstance(self.measure, LossMeasure):
            measure = self.measure.value
        else:
            measure = self.measure

        parties: list[str] | Unset = UNSET
        if not isinstance(self.parties, Unset):
            parties = self.parties



        period_as_stated: None | str | Unset
        if isinstance(self.period_as_stated, Unset):
            period_as_stated = UNSET
        else:
            period_as_stated = self.period_as_stated

        period_end: None | str | Unset
        if isinstance(self.period_end, Unset):
            period_end = UNSET
        elif isinstance(self.period_end, datetime.datetime):
            period_end = self.period_end.isoformat()
        else:
            period_end = self.period_end

        period_start: None | str | Unset
        if isinstance(self.period_start, Unset):
            period_start = UNSET
        elif isinstance(self.period_start, datetime.datetime):
            period_start = self.period_start.isoformat()
        else:
            period_start = self.period_start

        type_ = self.type_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "area": area,
            "attribution": attribution,
            "figure": figure,
            "kind": kind,
            "situation_id": situation_id,
        })
        if country is not UNSET:
            field_dict["country"] = country
        if measure is not UNSET:
            field_dict["measure"] = measure
        if parties is not UNSET:
            field_dict["parties"] = parties
        if period_as_stated is not UNSET:
            field_dict["period_as_stated"] = period_as_stated
        if period_end is not UNSET:
            field_dict["period_end"] = period_end
        if period_start is not UNSET:
            field_dict["period_start"] = period_start
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribution import Attribution # noqa: PLC0415
        from ..models.estimate import Estimate # noqa: PLC0415
        d = dict(src_dict)
        area = d.pop("area")

        attribution = Attribution.from_dict(d.pop("attribution"))




        figure = Estimate.from_dict(d.pop("figure"))




        kind = SituationKind(d.pop("kind"))




        situation_id = d.pop("situation_id")

        def _parse_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))


        def _parse_measure(data: object) -> LossMeasure | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                measure_type_0 = LossMeasure(data)



                return measure_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LossMeasure | None | Unset, data)

        measure = _parse_measure(d.pop("measure", UNSET))


        parties = cast(list[str], d.pop("parties", UNSET))


        def _parse_period_as_stated(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        period_as_stated = _parse_period_as_stated(d.pop("period_as_stated", UNSET))


        def _parse_period_end(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_end_type_0 = datetime.datetime.fromisoformat(data)



                return period_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        period_end = _parse_period_end(d.pop("period_end", UNSET))


        def _parse_period_start(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_start_type_0 = datetime.datetime.fromisoformat(data)



                return period_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        period_start = _parse_period_start(d.pop("period_start", UNSET))


        type_ = cast(Literal['situation.stated'] | Unset , d.pop("type", UNSET))
        if type_ != 'situation.stated'and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'situation.stated', got '{type_}'")

        situation_stated = cls(
            area=area,
            attribution=attribution,
            figure=figure,
            kind=kind,
            situation_id=situation_id,
            country=country,
            measure=measure,
            parties=parties,
            period_as_stated=period_as_stated,
            period_end=period_end,
            period_start=period_start,
            type_=type_,
        )

        return situation_stated

