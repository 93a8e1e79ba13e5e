from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.incident_relation import IncidentRelation
from typing import cast
from typing import Literal, cast

if TYPE_CHECKING:
  from ..models.attribution import Attribution





T = TypeVar("T", bound="IncidentRelated")



@_attrs_define
class IncidentRelated:
    """ 
        Attributes:
            attribution (Attribution):
            incident_id (str):
            related_incident_id (str):
            relation (IncidentRelation): How one incident is tied to another (two found to be one are merged instead).
            type_ (Literal['incident.related']):
     """

    attribution: Attribution
    incident_id: str
    related_incident_id: str
    relation: IncidentRelation
    type_: Literal['incident.related']





    def to_dict(self) -> dict[str, Any]:
        from ..models.attribution import Attribution # noqa: PLC0415
        attribution = self.attribution.to_dict()

        incident_id = self.incident_id

        related_incident_id = self.related_incident_id

        relation = self.relation.value

        type_ = self.type_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "attribution": attribution,
            "incident_id": incident_id,
            "related_incident_id": related_incident_id,
            "relation": relation,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribution import Attribution # noqa: PLC0415
        d = dict(src_dict)
        attribution = Attribution.from_dict(d.pop("attribution"))




        incident_id = d.pop("incident_id")

        related_incident_id = d.pop("related_incident_id")

        relation = IncidentRelation(d.pop("relation"))




        type_ = cast(Literal['incident.related'] , d.pop("type"))
        if type_ != 'incident.related':
            raise ValueError(f"type must match const 'incident.related', got '{type_}'")

        incident_related = cls(
            attribution=attribution,
            incident_id=incident_id,
            related_incident_id=related_incident_id,
            relation=relation,
            type_=type_,
        )

        return incident_related

