from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="EquipmentTotal")



@_attrs_define
class EquipmentTotal:
    """ 
        Attributes:
            confirmed_quantity (int):
            items (int):
            operator (str):
            platform (str):
            quantity (int):
            status (str):
     """

    confirmed_quantity: int
    items: int
    operator: str
    platform: str
    quantity: int
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        confirmed_quantity = self.confirmed_quantity

        items = self.items

        operator = self.operator

        platform = self.platform

        quantity = self.quantity

        status = self.status


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "confirmed_quantity": confirmed_quantity,
            "items": items,
            "operator": operator,
            "platform": platform,
            "quantity": quantity,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        confirmed_quantity = d.pop("confirmed_quantity")

        items = d.pop("items")

        operator = d.pop("operator")

        platform = d.pop("platform")

        quantity = d.pop("quantity")

        status = d.pop("status")

        equipment_total = cls(
            confirmed_quantity=confirmed_quantity,
            items=items,
            operator=operator,
            platform=platform,
            quantity=quantity,
            status=status,
        )


        equipment_total.additional_properties = d
        return equipment_total

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
