from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.reliability_grade import ReliabilityGrade
from ..models.source_kind import SourceKind
from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast






T = TypeVar("T", bound="SourceRegistered")



@_attrs_define
class SourceRegistered:
    """ 
        Attributes:
            grade (ReliabilityGrade): Reliability of a source, A (completely reliable) to F (cannot be judged).
            kind (SourceKind): What kind of body a source is.
            name (str):
            source_id (str):
            party (None | str | Unset):
            type_ (Literal['source.registered'] | Unset):
     """

    grade: ReliabilityGrade
    kind: SourceKind
    name: str
    source_id: str
    party: None | str | Unset = UNSET
    type_: Literal['source.registered'] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        grade = self.grade.value

        kind = self.kind.value

        name = self.name

        source_id = self.source_id

        party: None | str | Unset
        if isinstance(self.party, Unset):
            party = UNSET
        else:
            party = self.party

        type_ = self.type_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "grade": grade,
            "kind": kind,
            "name": name,
            "source_id": source_id,
        })
        if party is not UNSET:
            field_dict["party"] = party
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        grade = ReliabilityGrade(d.pop("grade"))




        kind = SourceKind(d.pop("kind"))




        name = d.pop("name")

        source_id = d.pop("source_id")

        def _parse_party(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        party = _parse_party(d.pop("party", UNSET))


        type_ = cast(Literal['source.registered'] | Unset , d.pop("type", UNSET))
        if type_ != 'source.registered'and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'source.registered', got '{type_}'")

        source_registered = cls(
            grade=grade,
            kind=kind,
            name=name,
            source_id=source_id,
            party=party,
            type_=type_,
        )

        return source_registered

