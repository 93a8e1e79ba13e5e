from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.pool_use import PoolUse
  from ..models.projection_lag import ProjectionLag





T = TypeVar("T", bound="Vitals")



@_attrs_define
class Vitals:
    """ 
        Attributes:
            oldest_transaction_seconds (float | None):
            pool (PoolUse):
            projections (list[ProjectionLag]):
            sealer_backlog_events (int):
            sealer_backlog_seconds (float):
            sealing (str):
     """

    oldest_transaction_seconds: float | None
    pool: PoolUse
    projections: list[ProjectionLag]
    sealer_backlog_events: int
    sealer_backlog_seconds: float
    sealing: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pool_use import PoolUse # noqa: PLC0415
        from ..models.projection_lag import ProjectionLag # noqa: PLC0415
        oldest_transaction_seconds: float | None
        oldest_transaction_seconds = self.oldest_transaction_seconds

        pool = self.pool.to_dict()

        projections = []
        for projections_item_data in self.projections:
            projections_item = projections_item_data.to_dict()
            projections.append(projections_item)



        sealer_backlog_events = self.sealer_backlog_events

        sealer_backlog_seconds = self.sealer_backlog_seconds

        sealing = self.sealing


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "oldest_transaction_seconds": oldest_transaction_seconds,
            "pool": pool,
            "projections": projections,
            "sealer_backlog_events": sealer_backlog_events,
            "sealer_backlog_seconds": sealer_backlog_seconds,
            "sealing": sealing,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pool_use import PoolUse # noqa: PLC0415
        from ..models.projection_lag import ProjectionLag # noqa: PLC0415
        d = dict(src_dict)
        def _parse_oldest_transaction_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        oldest_transaction_seconds = _parse_oldest_transaction_seconds(d.pop("oldest_transaction_seconds"))


        pool = PoolUse.from_dict(d.pop("pool"))




        projections = []
        _projections = d.pop("projections")
        for projections_item_data in (_projections):
            projections_item = ProjectionLag.from_dict(projections_item_data)



            projections.append(projections_item)


        sealer_backlog_events = d.pop("sealer_backlog_events")

        sealer_backlog_seconds = d.pop("sealer_backlog_seconds")

        sealing = d.pop("sealing")

        vitals = cls(
            oldest_transaction_seconds=oldest_transaction_seconds,
            pool=pool,
            projections=projections,
            sealer_backlog_events=sealer_backlog_events,
            sealer_backlog_seconds=sealer_backlog_seconds,
            sealing=sealing,
        )


        vitals.additional_properties = d
        return vitals

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
