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






T = TypeVar("T", bound="OccurredTime")



@_attrs_define
class OccurredTime:
    """ 
        Attributes:
            end (datetime.datetime):
            precision (TimePrecision): How precisely a source placed an incident in time.
            start (datetime.datetime):
            as_stated (None | str | Unset):
     """

    end: datetime.datetime
    precision: TimePrecision
    start: datetime.datetime
    as_stated: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        end = self.end.isoformat()

        precision = self.precision.value

        start = self.start.isoformat()

        as_stated: None | str | Unset
        if isinstance(self.as_stated, Unset):
            as_stated = UNSET
        else:
            as_stated = self.as_stated


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "end": end,
            "precision": precision,
            "start": start,
        })
        if as_stated is not UNSET:
            field_dict["as_stated"] = as_stated

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        end = datetime.datetime.fromisoformat(d.pop("end"))




        precision = TimePrecision(d.pop("precision"))




        start = datetime.datetime.fromisoformat(d.pop("start"))




        def _parse_as_stated(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        as_stated = _parse_as_stated(d.pop("as_stated", UNSET))


        occurred_time = cls(
            end=end,
            precision=precision,
            start=start,
            as_stated=as_stated,
        )

        return occurred_time

