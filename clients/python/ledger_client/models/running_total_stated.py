from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.loss_measure import LossMeasure
from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast
import datetime

if TYPE_CHECKING:
  from ..models.attribution import Attribution
  from ..models.estimate import Estimate





T = TypeVar("T", bound="RunningTotalStated")



@_attrs_define
class RunningTotalStated:
    """ 
        Attributes:
            attribution (Attribution):
            incident_id (str):
            measure (LossMeasure): What a running total counts.
            party (str):
            period_end (datetime.datetime):
            period_start (datetime.datetime):
            total (Estimate):
            type_ (Literal['running_total.stated']):
            actor (None | str | Unset):
            covers (list[str] | Unset):
            period_as_stated (None | str | Unset):
     """

    attribution: Attribution
    incident_id: str
    measure: LossMeasure
    party: str
    period_end: datetime.datetime
    period_start: datetime.datetime
    total: Estimate
    type_: Literal['running_total.stated']
    actor: None | str | Unset = UNSET
    covers: list[str] | Unset = UNSET
    period_as_stated: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.attribution import Attribution # noqa: PLC0415
        from ..models.estimate import Estimate # noqa: PLC0415
        attribution = self.attribution.to_dict()

        incident_id = self.incident_id

        measure = self.measure.value

        party = self.party

        period_end = self.period_end.isoformat()

        period_start = self.period_start.isoformat()

        total = self.total.to_dict()

        type_ = self.type_

        actor: None | str | Unset
        if isinstance(self.actor, Unset):
            actor = UNSET
        else:
            actor = self.actor

        covers: list[str] | Unset = UNSET
        if not isinstance(self.covers, Unset):
            covers = self.covers



        period_as_stated: None | str | Unset
        if isinstance(self.period_as_stated, Unset):
            period_as_stated = UNSET
        else:
            period_as_stated = self.period_as_stated


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "attribution": attribution,
            "incident_id": incident_id,
            "measure": measure,
            "party": party,
            "period_end": period_end,
            "period_start": period_start,
            "total": total,
            "type": type_,
        })
        if actor is not UNSET:
            field_dict["actor"] = actor
        if covers is not UNSET:
            field_dict["covers"] = covers
        if period_as_stated is not UNSET:
            field_dict["period_as_stated"] = period_as_stated

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribution import Attribution # noqa: PLC0415
        from ..models.estimate import Estimate # noqa: PLC0415
        d = dict(src_dict)
        attribution = Attribution.from_dict(d.pop("attribution"))




        incident_id = d.pop("incident_id")

        measure = LossMeasure(d.pop("measure"))




        party = d.pop("party")

        period_end = datetime.datetime.fromisoformat(d.pop("period_end"))




        period_start = datetime.datetime.fromisoformat(d.pop("period_start"))




        total = Estimate.from_dict(d.pop("total"))




        type_ = cast(Literal['running_total.stated'] , d.pop("type"))
        if type_ != 'running_total.stated':
            raise ValueError(f"type must match const 'running_total.stated', got '{type_}'")

        def _parse_actor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor = _parse_actor(d.pop("actor", UNSET))


        covers = cast(list[str], d.pop("covers", UNSET))


        def _parse_period_as_stated(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        period_as_stated = _parse_period_as_stated(d.pop("period_as_stated", UNSET))


        running_total_stated = cls(
            attribution=attribution,
            incident_id=incident_id,
            measure=measure,
            party=party,
            period_end=period_end,
            period_start=period_start,
            total=total,
            type_=type_,
            actor=actor,
            covers=covers,
            period_as_stated=period_as_stated,
        )

        return running_total_stated

