from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.claim_status import ClaimStatus
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.casualties_reported import CasualtiesReported
  from ..models.civilians_displaced import CiviliansDisplaced
  from ..models.correction import Correction
  from ..models.equipment_loss_claimed import EquipmentLossClaimed
  from ..models.forces_deployed import ForcesDeployed
  from ..models.incident_related import IncidentRelated
  from ..models.incident_reported import IncidentReported
  from ..models.retraction import Retraction
  from ..models.running_total_stated import RunningTotalStated





T = TypeVar("T", bound="Claim")



@_attrs_define
class Claim:
    """ 
        Attributes:
            credibility (int):
            current (CasualtiesReported | CiviliansDisplaced | EquipmentLossClaimed | ForcesDeployed | IncidentRelated |
                IncidentReported | RunningTotalStated):
            event_id (str):
            incident_id (str):
            original (CasualtiesReported | CiviliansDisplaced | EquipmentLossClaimed | ForcesDeployed | IncidentRelated |
                IncidentReported | RunningTotalStated):
            recorded_at (datetime.datetime):
            reported_at (datetime.datetime):
            source_id (str):
            status (ClaimStatus):
            type_ (str):
            corrections (list[Correction] | Unset):
            retraction (None | Retraction | Unset):
     """

    credibility: int
    current: CasualtiesReported | CiviliansDisplaced | EquipmentLossClaimed | ForcesDeployed | IncidentRelated | IncidentReported | RunningTotalStated
    event_id: str
    incident_id: str
    original: CasualtiesReported | CiviliansDisplaced | EquipmentLossClaimed | ForcesDeployed | IncidentRelated | IncidentReported | RunningTotalStated
    recorded_at: datetime.datetime
    reported_at: datetime.datetime
    source_id: str
    status: ClaimStatus
    type_: str
    corrections: list[Correction] | Unset = UNSET
    retraction: None | Retraction | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.casualties_reported import CasualtiesReported # noqa: PLC0415
        from ..models.civilians_displaced import CiviliansDisplaced # noqa: PLC0415
        from ..models.correction import Correction # noqa: PLC0415
        from ..models.equipment_loss_claimed import EquipmentLossClaimed # noqa: PLC0415
        from ..models.forces_deployed import ForcesDeployed # noqa: PLC0415
        from ..models.incident_related import IncidentRelated # noqa: PLC0415
        from ..models.incident_reported import IncidentReported # noqa: PLC0415
        from ..models.retraction import Retraction # noqa: PLC0415
        from ..models.running_total_stated import RunningTotalStated # noqa: PLC0415
        credibility = self.credibility

        current: dict[str, Any]
        if isinstance(self.current, IncidentReported):
            current = self.current.to_dict()
        elif isinstance(self.current, CasualtiesReported):
            current = self.current.to_dict()
        elif isinstance(self.current, EquipmentLossClaimed):
            current = self.current.to_dict()
        elif isinstance(self.current, ForcesDeployed):
            current = self.current.to_dict()
        elif isinstance(self.current, CiviliansDisplaced):
            current = self.current.to_dict()
        elif isinstance(self.current, RunningTotalStated):
            current = self.current.to_dict()
        else:
            current = self.current.to_dict()


        event_id = self.event_id

        incident_id = self.incident_id

        original: dict[str, Any]
        if isinstance(self.original, IncidentReported):
            original = self.original.to_dict()
        elif isinstance(self.original, CasualtiesReported):
            original = self.original.to_dict()
        elif isinstance(self.original, EquipmentLossClaimed):
            original = self.original.to_dict()
        elif isinstance(self.original, ForcesDeployed):
            original = self.original.to_dict()
        elif isinstance(self.original, CiviliansDisplaced):
            original = self.original.to_dict()
        elif isinstance(self.original, RunningTotalStated):
            original = self.original.to_dict()
        else:
            original = self.original.to_dict()


        recorded_at = self.recorded_at.isoformat()

        reported_at = self.reported_at.isoformat()

        source_id = self.source_id

        status = self.status.value

        type_ = self.type_

        corrections: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.corrections, Unset):
            corrections = []
            for corrections_item_data in self.corrections:
                corrections_item = corrections_item_data.to_dict()
                corrections.append(corrections_item)



        retraction: dict[str, Any] | None | Unset
        if isinstance(self.retraction, Unset):
            retraction = UNSET
        elif isinstance(self.retraction, Retraction):
            retraction = self.retraction.to_dict()
        else:
            retraction = self.retraction


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "credibility": credibility,
            "current": current,
            "event_id": event_id,
            "incident_id": incident_id,
            "original": original,
            "recorded_at": recorded_at,
            "reported_at": reported_at,
            "source_id": source_id,
            "status": status,
            "type": type_,
        })
        if corrections is not UNSET:
            field_dict["corrections"] = corrections
        if retraction is not UNSET:
            field_dict["retraction"] = retraction

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.casualties_reported import CasualtiesReported # noqa: PLC0415
        from ..models.civilians_displaced import CiviliansDisplaced # noqa: PLC0415
        from ..models.correction import Correction # noqa: PLC0415
        from ..models.equipment_loss_claimed import EquipmentLossClaimed # noqa: PLC0415
        from ..models.forces_deployed import ForcesDeployed # noqa: PLC0415
        from ..models.incident_related import IncidentRelated # noqa: PLC0415
        from ..models.incident_reported import IncidentReported # noqa: PLC0415
        from ..models.retraction import Retraction # noqa: PLC0415
        from ..models.running_total_stated import RunningTotalStated # noqa: PLC0415
        d = dict(src_dict)
        credibility = d.pop("credibility")

        def _parse_current(data: object) -> CasualtiesReported | CiviliansDisplaced | EquipmentLossClaimed | ForcesDeployed | IncidentRelated | IncidentReported | RunningTotalStated:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                current_type_0 = IncidentReported.from_dict(data)



                return current_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                current_type_1 = CasualtiesReported.from_dict(data)



                return current_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                current_type_2 = EquipmentLossClaimed.from_dict(data)



                return current_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                current_type_3 = ForcesDeployed.from_dict(data)



                return current_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                current_type_4 = CiviliansDisplaced.from_dict(data)



                return current_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                current_type_5 = RunningTotalStated.from_dict(data)



                return current_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            current_type_6 = IncidentRelated.from_dict(data)



            return current_type_6

        current = _parse_current(d.pop("current"))


        event_id = d.pop("event_id")

        incident_id = d.pop("incident_id")

        def _parse_original(data: object) -> CasualtiesReported | CiviliansDisplaced | EquipmentLossClaimed | ForcesDeployed | IncidentRelated | IncidentReported | RunningTotalStated:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                original_type_0 = IncidentReported.from_dict(data)



                return original_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                original_type_1 = CasualtiesReported.from_dict(data)



                return original_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                original_type_2 = EquipmentLossClaimed.from_dict(data)



                return original_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                original_type_3 = ForcesDeployed.from_dict(data)



                return original_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                original_type_4 = CiviliansDisplaced.from_dict(data)



                return original_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                original_type_5 = RunningTotalStated.from_dict(data)



                return original_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            original_type_6 = IncidentRelated.from_dict(data)



            return original_type_6

        original = _parse_original(d.pop("original"))


        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))




        reported_at = datetime.datetime.fromisoformat(d.pop("reported_at"))




        source_id = d.pop("source_id")

        status = ClaimStatus(d.pop("status"))




        type_ = d.pop("type")

        _corrections = d.pop("corrections", UNSET)
        corrections: list[Correction] | Unset = UNSET
        if _corrections is not UNSET:
            corrections = []
            for corrections_item_data in _corrections:
                corrections_item = Correction.from_dict(corrections_item_data)



                corrections.append(corrections_item)


        def _parse_retraction(data: object) -> None | Retraction | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                retraction_type_0 = Retraction.from_dict(data)



                return retraction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Retraction | Unset, data)

        retraction = _parse_retraction(d.pop("retraction", UNSET))


        claim = cls(
            credibility=credibility,
            current=current,
            event_id=event_id,
            incident_id=incident_id,
            original=original,
            recorded_at=recorded_at,
            reported_at=reported_at,
            source_id=source_id,
            status=status,
            type_=type_,
            corrections=corrections,
            retraction=retraction,
        )


        claim.additional_properties = d
        return claim

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
