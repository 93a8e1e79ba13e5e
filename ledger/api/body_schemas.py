"""Request bodies in the OpenAPI document as msgspec decodes them.

Litestar's schemas of body structs miss what msgspec enforces of a few types: a struct that
forbids unknown fields (``additionalProperties: false``), a mapping's bounds, and the items
of a variadic tuple, which it renders as "an item, or anything" without the item's pattern
or lengths; and they require the tag of a struct that msgspec decodes without one. Each is
put right from the structs themselves, once, when the app is built.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import msgspec
import msgspec.inspect
from litestar.openapi.spec import OpenAPIType, Reference, Schema

if TYPE_CHECKING:
    from litestar.handlers import HTTPRouteHandler


def complete_bodies(handlers: Iterable[HTTPRouteHandler], schemas: dict[str, Schema]) -> None:
    """Correct the component ``schemas`` of every struct the ``handlers`` take as a body."""
    bodies = [
        handler.parsed_fn_signature.parameters["data"].annotation
        for handler in handlers
        if "data" in handler.parsed_fn_signature.parameters
    ]
    infos = msgspec.inspect.multi_type_info(bodies)
    for struct in _structs(infos):
        schema = schemas.get(struct.cls.__name__)
        if schema is None:
            continue
        if struct.forbid_unknown_fields:
            schema.additional_properties = False
        for field in struct.fields:
            _restore_constraints(schema, field)
    for struct in _tagged_alone(infos):
        schema = schemas.get(struct.cls.__name__)
        if schema is not None and schema.required and struct.tag_field:
            schema.required = [name for name in schema.required if name != struct.tag_field]


def _tagged_alone(
    infos: Iterable[msgspec.inspect.Type],
) -> list[msgspec.inspect.StructType]:
    """Tagged structs taken as a body by themselves and in no union of bodies.

    msgspec needs the tag to tell the members of a union apart; decoding one struct, it
    checks a tag that is sent and accepts a body without one.
    """
    alone = []
    in_unions = set()
    for info in infos:
        if isinstance(info, msgspec.inspect.StructType) and info.tag_field:
            alone.append(info)
        elif isinstance(info, msgspec.inspect.UnionType):
            in_unions |= {t.cls for t in info.types if isinstance(t, msgspec.inspect.StructType)}
    return [struct for struct in alone if struct.cls not in in_unions]


def _restore_constraints(schema: Schema, field: msgspec.inspect.Field) -> None:
    """A variadic tuple's items as one schema with their constraints; a mapping's bounds."""
    kind = field.type
    rendered = (schema.properties or {}).get(field.encode_name)
    if not isinstance(rendered, Schema):
        return
    if isinstance(kind, msgspec.inspect.DictType):
        rendered.min_properties = kind.min_length
        rendered.max_properties = kind.max_length
    items = rendered.items.one_of if isinstance(rendered.items, Schema) else None
    if isinstance(kind, msgspec.inspect.VarTupleType) and items:
        rendered.items = _item_schema(items[0], kind.item_type)


def _item_schema(rendered: Schema | Reference, item: msgspec.inspect.Type) -> Schema | Reference:
    if not isinstance(item, msgspec.inspect.StrType):
        return rendered
    return Schema(
        type=OpenAPIType.STRING,
        pattern=item.pattern,
        min_length=item.min_length,
        max_length=item.max_length,
    )


def _structs(
    infos: Iterable[msgspec.inspect.Type], seen: set[type] | None = None
) -> Iterator[msgspec.inspect.StructType]:
    """Every struct type within ``infos``, each once."""
    seen = set() if seen is None else seen
    for info in infos:
        if isinstance(info, msgspec.inspect.StructType):
            if info.cls in seen:
                continue
            seen.add(info.cls)
            yield info
            yield from _structs((field.type for field in info.fields), seen)
        yield from _structs(_nested(info), seen)


def _nested(info: msgspec.inspect.Type) -> Iterator[msgspec.inspect.Type]:
    for attribute in ("types", "item_type", "key_type", "value_type"):
        nested: Any = getattr(info, attribute, None)
        if isinstance(nested, msgspec.inspect.Type):
            yield nested
        elif isinstance(nested, tuple):
            yield from (item for item in nested if isinstance(item, msgspec.inspect.Type))
