from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.place_precision import PlacePrecision
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Location")



@_attrs_define
class Location:
    """ 
        Attributes:
            country (str):
            precision (PlacePrecision): How precisely a source placed an incident on the map.
            admin1 (None | str | Unset):
            admin2 (None | str | Unset):
            latitude (float | None | Unset):
            longitude (float | None | Unset):
            place (None | str | Unset):
            relation (None | str | Unset):
     """

    country: str
    precision: PlacePrecision
    admin1: None | str | Unset = UNSET
    admin2: None | str | Unset = UNSET
    latitude: float | None | Unset = UNSET
    longitude: float | None | Unset = UNSET
    place: None | str | Unset = UNSET
    relation: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        country = self.country

        precision = self.precision.value

        admin1: None | str | Unset
        if isinstance(self.admin1, Unset):
            admin1 = UNSET
        else:
            admin1 = self.admin1

        admin2: None | str | Unset
        if isinstance(self.admin2, Unset):
            admin2 = UNSET
        else:
            admin2 = self.admin2

        latitude: float | None | Unset
        if isinstance(self.latitude, Unset):
            latitude = UNSET
        else:
            latitude = self.latitude

        longitude: float | None | Unset
        if isinstance(self.longitude, Unset):
            longitude = UNSET
        else:
            longitude = self.longitude

        place: None | str | Unset
        if isinstance(self.place, Unset):
            place = UNSET
        else:
            place = self.place

        relation: None | str | Unset
        if isinstance(self.relation, Unset):
            relation = UNSET
        else:
            relation = self.relation


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "country": country,
            "precision": precision,
        })
        if admin1 is not UNSET:
            field_dict["admin1"] = admin1
        if admin2 is not UNSET:
            field_dict["admin2"] = admin2
        if latitude is not UNSET:
            field_dict["latitude"] = latitude
        if longitude is not UNSET:
            field_dict["longitude"] = longitude
        if place is not UNSET:
            field_dict["place"] = place
        if relation is not UNSET:
            field_dict["relation"] = relation

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        country = d.pop("country")

        precision = PlacePrecision(d.pop("precision"))




        def _parse_admin1(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        admin1 = _parse_admin1(d.pop("admin1", UNSET))


        def _parse_admin2(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        admin2 = _parse_admin2(d.pop("admin2", UNSET))


        def _parse_latitude(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        latitude = _parse_latitude(d.pop("latitude", UNSET))


        def _parse_longitude(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        longitude = _parse_longitude(d.pop("longitude", UNSET))


        def _parse_place(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        place = _parse_place(d.pop("place", UNSET))


        def _parse_relation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        relation = _parse_relation(d.pop("relation", UNSET))


        location = cls(
            country=country,
            precision=precision,
            admin1=admin1,
            admin2=admin2,
            latitude=latitude,
            longitude=longitude,
            place=place,
            relation=relation,
        )

        return location

