from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.generation_status import GenerationStatus





T = TypeVar("T", bound="ProjectionStatus")



@_attrs_define
class ProjectionStatus:
    """ 
        Attributes:
            generations (list[GenerationStatus]):
            name (str):
            state (str):
            version (int):
     """

    generations: list[GenerationStatus]
    name: str
    state: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.generation_status import GenerationStatus # noqa: PLC0415
        generations = []
        for generations_item_data in self.generations:
            generations_item = generations_item_data.to_dict()
            generations.append(generations_item)



        name = self.name

        state = self.state

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "generations": generations,
            "name": name,
            "state": state,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.generation_status import GenerationStatus # noqa: PLC0415
        d = dict(src_dict)
        generations = []
        _generations = d.pop("generations")
        for generations_item_data in (_generations):
            generations_item = GenerationStatus.from_dict(generations_item_data)



            generations.append(generations_item)


        name = d.pop("name")

        state = d.pop("state")

        version = d.pop("version")

        projection_status = cls(
            generations=generations,
            name=name,
            state=state,
            version=version,
        )


        projection_status.additional_properties = d
        return projection_status

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
