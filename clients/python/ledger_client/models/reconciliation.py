from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.agreement import Agreement
  from ..models.estimate import Estimate
  from ..models.ledger_sum import LedgerSum





T = TypeVar("T", bound="Reconciliation")



@_attrs_define
class Reconciliation:
    """ 
        Attributes:
            agreement (Agreement):
            claim_id (str):
            covers (list[str]):
            difference (int | None):
            incident_id (str):
            incidents (list[str]):
            ledger (LedgerSum):
            measure (str):
            party (str):
            period_as_stated (None | str):
            period_end (datetime.datetime):
            period_start (datetime.datetime):
            source_id (str):
            stated (Estimate):
     """

    agreement: Agreement
    claim_id: str
    covers: list[str]
    difference: int | None
    incident_id: str
    incidents: list[str]
    ledger: LedgerSum
    measure: str
    party: str
    period_as_stated: None | str
    period_end: datetime.datetime
    period_start: datetime.datetime
    source_id: str
    stated: Estimate
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.agreement import Agreement # noqa: PLC0415
        from ..models.estimate import Estimate # noqa: PLC0415
        from ..models.ledger_sum import LedgerSum # noqa: PLC0415
        agreement = self.agreement.to_dict()

        claim_id = self.claim_id

        covers = self.covers



        difference: int | None
        difference = self.difference

        incident_id = self.incident_id

        incidents = self.incidents



        ledger = self.ledger.to_dict()

        measure = self.measure

        party = self.party

        period_as_stated: None | str
        period_as_stated = self.period_as_stated

        period_end = self.period_end.isoformat()

        period_start = self.period_start.isoformat()

        source_id = self.source_id

        stated = self.stated.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "agreement": agreement,
            "claim_id": claim_id,
            "covers": covers,
            "difference": difference,
            "incident_id": incident_id,
            "incidents": incidents,
            "ledger": ledger,
            "measure": measure,
            "party": party,
            "period_as_stated": period_as_stated,
            "period_end": period_end,
            "period_start": period_start,
            "source_id": source_id,
            "stated": stated,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agreement import Agreement # noqa: PLC0415
        from ..models.estimate import Estimate # noqa: PLC0415
        from ..models.ledger_sum import LedgerSum # noqa: PLC0415
        d = dict(src_dict)
        agreement = Agreement.from_dict(d.pop("agreement"))




        claim_id = d.pop("claim_id")

        covers = cast(list[str], d.pop("covers"))


        def _parse_difference(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        difference = _parse_difference(d.pop("difference"))


        incident_id = d.pop("incident_id")

        incidents = cast(list[str], d.pop("incidents"))


        ledger = LedgerSum.from_dict(d.pop("ledger"))




        measure = d.pop("measure")

        party = d.pop("party")

        def _parse_period_as_stated(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        period_as_stated = _parse_period_as_stated(d.pop("period_as_stated"))


        period_end = datetime.datetime.fromisoformat(d.pop("period_end"))




        period_start = datetime.datetime.fromisoformat(d.pop("period_start"))




        source_id = d.pop("source_id")

        stated = Estimate.from_dict(d.pop("stated"))




        reconciliation = cls(
            agreement=agreement,
            claim_id=claim_id,
            covers=covers,
            difference=difference,
            incident_id=incident_id,
            incidents=incidents,
            ledger=ledger,
            measure=measure,
            party=party,
            period_as_stated=period_as_stated,
            period_end=period_end,
            period_start=period_start,
            source_id=source_id,
            stated=stated,
        )


        reconciliation.additional_properties = d
        return reconciliation

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
