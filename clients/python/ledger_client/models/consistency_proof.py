from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.digest import Digest





T = TypeVar("T", bound="ConsistencyProof")



@_attrs_define
class ConsistencyProof:
    """ 
        Attributes:
            complete (bool):
            event_hashes (list[str]):
            from_hash (str):
            from_seq (int):
            to (Digest):
     """

    complete: bool
    event_hashes: list[str]
    from_hash: str
    from_seq: int
    to: Digest
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.digest import Digest # noqa: PLC0415
        complete = self.complete

        event_hashes = self.event_hashes



        from_hash = self.from_hash

        from_seq = self.from_seq

        to = self.to.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "complete": complete,
            "event_hashes": event_hashes,
            "from_hash": from_hash,
            "from_seq": from_seq,
            "to": to,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.digest import Digest # noqa: PLC0415
        d = dict(src_dict)
        complete = d.pop("complete")

        event_hashes = cast(list[str], d.pop("event_hashes"))


        from_hash = d.pop("from_hash")

        from_seq = d.pop("from_seq")

        to = Digest.from_dict(d.pop("to"))




        consistency_proof = cls(
            complete=complete,
            event_hashes=event_hashes,
            from_hash=from_hash,
            from_seq=from_seq,
            to=to,
        )


        consistency_proof.additional_properties = d
        return consistency_proof

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
