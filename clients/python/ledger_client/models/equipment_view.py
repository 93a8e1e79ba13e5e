from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.equipment_item import EquipmentItem
  from ..models.equipment_total import EquipmentTotal
  from ..models.evidence import Evidence





T = TypeVar("T", bound="EquipmentView")



@_attrs_define
class EquipmentView:
    """ 
        Attributes:
            items (list[EquipmentItem]):
            totals (list[EquipmentTotal]):
            evidence (Evidence | None | Unset):
     """

    items: list[EquipmentItem]
    totals: list[EquipmentTotal]
    evidence: Evidence | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.equipment_item import EquipmentItem # noqa: PLC0415
        from ..models.equipment_total import EquipmentTotal # noqa: PLC0415
        from ..models.evidence import Evidence # noqa: PLC0415
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        totals = []
        for totals_item_data in self.totals:
            totals_item = totals_item_data.to_dict()
            totals.append(totals_item)



        evidence: dict[str, Any] | None | Unset
        if isinstance(self.evidence, Unset):
            evidence = UNSET
        elif isinstance(self.evidence, Evidence):
            evidence = self.evidence.to_dict()
        else:
            evidence = self.evidence


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "items": items,
            "totals": totals,
        })
        if evidence is not UNSET:
            field_dict["evidence"] = evidence

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.equipment_item import EquipmentItem # noqa: PLC0415
        from ..models.equipment_total import EquipmentTotal # noqa: PLC0415
        from ..models.evidence import Evidence # noqa: PLC0415
        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = EquipmentItem.from_dict(items_item_data)



            items.append(items_item)


        totals = []
        _totals = d.pop("totals")
        for totals_item_data in (_totals):
            totals_item = EquipmentTotal.from_dict(totals_item_data)



            totals.append(totals_item)


        def _parse_evidence(data: object) -> Evidence | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                evidence_type_0 = Evidence.from_dict(data)



                return evidence_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Evidence | None | Unset, data)

        evidence = _parse_evidence(d.pop("evidence", UNSET))


        equipment_view = cls(
            items=items,
            totals=totals,
            evidence=evidence,
        )


        equipment_view.additional_properties = d
        return equipment_view

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
