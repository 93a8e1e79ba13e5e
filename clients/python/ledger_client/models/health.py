from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="Health")



@_attrs_define
class Health:
    """ 
        Attributes:
            database (str):
            oldest_transaction_seconds (float | None):
            sealing (str):
            signing (str):
            status (str):
     """

    database: str
    oldest_transaction_seconds: float | None
    sealing: str
    signing: str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        database = self.database

        oldest_transaction_seconds: float | None
        oldest_transaction_seconds = self.oldest_transaction_seconds

        sealing = self.sealing

        signing = self.signing

        status = self.status


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "database": database,
            "oldest_transaction_seconds": oldest_transaction_seconds,
            "sealing": sealing,
            "signing": signing,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        database = d.pop("database")

        def _parse_oldest_transaction_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        oldest_transaction_seconds = _parse_oldest_transaction_seconds(d.pop("oldest_transaction_seconds"))


        sealing = d.pop("sealing")

        signing = d.pop("signing")

        status = d.pop("status")

        health = cls(
            database=database,
            oldest_transaction_seconds=oldest_transaction_seconds,
            sealing=sealing,
            signing=signing,
            status=status,
        )


        health.additional_properties = d
        return health

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
