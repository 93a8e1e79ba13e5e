"""The shape of a request body: its type with every rule taken out.

A body the shape does not accept is malformed (400: a wrong type, a missing or unknown
field, a value outside an enumeration); a body the shape accepts but its type refuses
breaks a rule (422: a bound, a pattern, a length, a check made after decoding). Telling
them apart by decoding again, rather than by reading msgspec's messages, holds whatever
msgspec's messages say.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Mapping
from typing import Annotated, Any, Union, get_args, get_origin

import msgspec


def fits_shape(body: object, annotation: Any) -> bool:  # noqa: ANN401 - any body type
    """Whether ``body`` (decoded JSON) has the shape of ``annotation``, its rules aside."""
    try:
        msgspec.convert(body, shape_of(annotation), strict=False)
    except msgspec.ValidationError:
        return False
    return True


@functools.cache
def shape_of(annotation: Any) -> Any:  # noqa: ANN401 - any type in, its shape out
    """``annotation`` with its constraints (``Meta``) and its structs' checks taken out."""
    origin = get_origin(annotation)
    arguments = get_args(annotation)
    if origin is Annotated:
        return shape_of(arguments[0])
    if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        return _struct_shape(annotation)
    if origin in (Union, types.UnionType):
        return functools.reduce(lambda a, b: a | b, (shape_of(a) for a in arguments))
    if origin is not None and arguments:
        return origin[tuple(a if a is Ellipsis else shape_of(a) for a in arguments)]
    return annotation


def _struct_shape(struct: type[msgspec.Struct]) -> type[msgspec.Struct]:
    """A struct with the same fields, names on the wire and tag, and no rules."""
    config = struct.__struct_config__
    fields: list[tuple[str, Any, Any]] = []
    renamed: Mapping[str, str] = {}
    for field in msgspec.structs.fields(struct):
        if field.default_factory is not msgspec.NODEFAULT:
            default = msgspec.field(default_factory=field.default_factory)
        else:
            default = field.default
        fields.append((field.name, shape_of(field.type), default))
        renamed = {**renamed, field.name: field.encode_name}
    return msgspec.defstruct(
        struct.__name__,
        [
            (name, kind) if default is msgspec.NODEFAULT else (name, kind, default)
            for name, kind, default in fields
        ],
        kw_only=True,
        tag=config.tag,
        tag_field=config.tag_field,
        forbid_unknown_fields=config.forbid_unknown_fields,
        rename=renamed,
    )
