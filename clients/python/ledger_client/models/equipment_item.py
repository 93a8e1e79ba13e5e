from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.crew_fate import CrewFate
from ..models.loss_status import LossStatus
from typing import cast






T = TypeVar("T", bound="EquipmentItem")



@_attrs_define
class EquipmentItem:
    """ 
        Attributes:
            actor (None | str):
            claim_ids (list[str]):
            claimed_by (None | str):
            confirmed (bool):
            crew_fate (CrewFate): What became of a lost platform's crew, as far as the source tells.
            incident_id (str):
            incidents (list[str]):
            model (None | str):
            operator (str):
            platform (str):
            quantity (int):
            sources (list[str]):
            status (LossStatus): What became of lost equipment.
     """

    actor: None | str
    claim_ids: list[str]
    claimed_by: None | str
    confirmed: bool
    crew_fate: CrewFate
    incident_id: str
    incidents: list[str]
    model: None | str
    operator: str
    platform: str
    quantity: int
    sources: list[str]
    status: LossStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        actor: None | str
        actor = self.actor

        claim_ids = self.claim_ids



        claimed_by: None | str
        claimed_by = self.claimed_by

        confirmed = self.confirmed

        crew_fate = self.crew_fate.value

        incident_id = self.incident_id

        incidents = self.incidents



        model: None | str
        model = self.model

        operator = self.operator

        platform = self.platform

        quantity = self.quantity

        sources = self.sources



        status = self.status.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "actor": actor,
            "claim_ids": claim_ids,
            "claimed_by": claimed_by,
            "confirmed": confirmed,
            "crew_fate": crew_fate,
            "incident_id": incident_id,
            "incidents": incidents,
            "model": model,
            "operator": operator,
            "platform": platform,
            "quantity": quantity,
            "sources": sources,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_actor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor = _parse_actor(d.pop("actor"))


        claim_ids = cast(list[str], d.pop("claim_ids"))


        def _parse_claimed_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        claimed_by = _parse_claimed_by(d.pop("claimed_by"))


        confirmed = d.pop("confirmed")

        crew_fate = CrewFate(d.pop("crew_fate"))




        incident_id = d.pop("incident_id")

        incidents = cast(list[str], d.pop("incidents"))


        def _parse_model(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        model = _parse_model(d.pop("model"))


        operator = d.pop("operator")

        platform = d.pop("platform")

        quantity = d.pop("quantity")

        sources = cast(list[str], d.pop("sources"))


        status = LossStatus(d.pop("status"))




        equipment_item = cls(
            actor=actor,
            claim_ids=claim_ids,
            claimed_by=claimed_by,
            confirmed=confirmed,
            crew_fate=crew_fate,
            incident_id=incident_id,
            incidents=incidents,
            model=model,
            operator=operator,
            platform=platform,
            quantity=quantity,
            sources=sources,
            status=status,
        )


        equipment_item.additional_properties = d
        return equipment_item

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
