from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.crew_fate import CrewFate
from ..models.loss_status import LossStatus
from ..models.platform_kind import PlatformKind
from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast

if TYPE_CHECKING:
  from ..models.attribution import Attribution





T = TypeVar("T", bound="EquipmentLossClaimed")



@_attrs_define
class EquipmentLossClaimed:
    """ 
        Attributes:
            attribution (Attribution):
            crew_fate (CrewFate): What became of a lost platform's crew, as far as the source tells.
            incident_id (str):
            operator (str):
            platform (PlatformKind): The kind of equipment lost.
            status (LossStatus): What became of lost equipment.
            type_ (Literal['equipment_loss.claimed']):
            actor (None | str | Unset):
            cause (None | str | Unset):
            claimed_by (None | str | Unset):
            model (None | str | Unset):
            quantity (int | Unset):  Default: 1.
            subject (None | str | Unset):
     """

    attribution: Attribution
    crew_fate: CrewFate
    incident_id: str
    operator: str
    platform: PlatformKind
    status: LossStatus
    type_: Literal['equipment_loss.claimed']
    actor: None | str | Unset = UNSET
    cause: None | str | Unset = UNSET
    claimed_by: None | str | Unset = UNSET
    model: None | str | Unset = UNSET
    quantity: int | Unset = 1
    subject: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.attribution import Attribution # noqa: PLC0415
        attribution = self.attribution.to_dict()

        crew_fate = self.crew_fate.value

        incident_id = self.incident_id

        operator = self.operator

        platform = self.platform.value

        status = self.status.value

        type_ = self.type_

        actor: None | str | Unset
        if isinstance(self.actor, Unset):
            actor = UNSET
        else:
            actor = self.actor

        cause: None | str | Unset
        if isinstance(self.cause, Unset):
            cause = UNSET
        else:
            cause = self.cause

        claimed_by: None | str | Unset
        if isinstance(self.claimed_by, Unset):
            claimed_by = UNSET
        else:
            claimed_by = self.claimed_by

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        quantity = self.quantity

        subject: None | str | Unset
        if isinstance(self.subject, Unset):
            subject = UNSET
        else:
            subject = self.subject


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "attribution": attribution,
            "crew_fate": crew_fate,
            "incident_id": incident_id,
            "operator": operator,
            "platform": platform,
            "status": status,
            "type": type_,
        })
        if actor is not UNSET:
            field_dict["actor"] = actor
        if cause is not UNSET:
            field_dict["cause"] = cause
        if claimed_by is not UNSET:
            field_dict["claimed_by"] = claimed_by
        if model is not UNSET:
            field_dict["model"] = model
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if subject is not UNSET:
            field_dict["subject"] = subject

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribution import Attribution # noqa: PLC0415
        d = dict(src_dict)
        attribution = Attribution.from_dict(d.pop("attribution"))




        crew_fate = CrewFate(d.pop("crew_fate"))




        incident_id = d.pop("incident_id")

        operator = d.pop("operator")

        platform = PlatformKind(d.pop("platform"))




        status = LossStatus(d.pop("status"))




        type_ = cast(Literal['equipment_loss.claimed'] , d.pop("type"))
        if type_ != 'equipment_loss.claimed':
            raise ValueError(f"type must match const 'equipment_loss.claimed', got '{type_}'")

        def _parse_actor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor = _parse_actor(d.pop("actor", UNSET))


        def _parse_cause(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cause = _parse_cause(d.pop("cause", UNSET))


        def _parse_claimed_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        claimed_by = _parse_claimed_by(d.pop("claimed_by", UNSET))


        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))


        quantity = d.pop("quantity", UNSET)

        def _parse_subject(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject = _parse_subject(d.pop("subject", UNSET))


        equipment_loss_claimed = cls(
            attribution=attribution,
            crew_fate=crew_fate,
            incident_id=incident_id,
            operator=operator,
            platform=platform,
            status=status,
            type_=type_,
            actor=actor,
            cause=cause,
            claimed_by=claimed_by,
            model=model,
            quantity=quantity,
            subject=subject,
        )

        return equipment_loss_claimed

