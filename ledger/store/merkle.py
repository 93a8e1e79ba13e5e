"""A Merkle tree over the log as RFC 9162 section 2.1 defines it: roots, proofs, their checks.

Leaves are numbered from 0 in the gap-free global order; a leaf's hash is SHA-256 of 0x00
and its data, a node's SHA-256 of 0x01 and its two children. A tree is read through its
perfect subtrees (``Node``: 2**level leaves from a multiple of 2**level), which do not
change once complete and can be stored as they fill: a root or a proof is computed from
O(log n) of them, each named beforehand (``nodes_for``) so that one read fetches them all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import Final, NamedTuple

EMPTY_ROOT: Final = hashlib.sha256(b"").digest()
"""The root of a tree of no leaves."""

Span = tuple[int, int]
"""Leaves ``start`` (inclusive) to ``end`` (exclusive)."""


class Node(NamedTuple):
    """The perfect subtree of the ``2**level`` leaves from ``number * 2**level``."""

    level: int
    number: int


def leaf_hash(data: bytes) -> bytes:
    """A leaf's hash: SHA-256(0x00 || data)."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """An interior node's hash: SHA-256(0x01 || left || right)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(size: int) -> int:
    """The largest power of two smaller than ``size`` (which is at least 2)."""
    return 1 << ((size - 1).bit_length() - 1)


def _perfect(span: Span) -> Node | None:
    """The perfect subtree ``span`` is, if it is one."""
    start, end = span
    size = end - start
    if size & (size - 1) == 0 and start % size == 0:
        return Node(size.bit_length() - 1, start // size)
    return None


def _halves(span: Span) -> tuple[Span, Span]:
    """``span`` split as RFC 9162 splits a tree: the largest power of two on the left."""
    start, end = span
    middle = start + _split(end - start)
    return (start, middle), (middle, end)


def _nodes(span: Span) -> list[Node]:
    """The perfect subtrees whose hashes make the hash of ``span``, left to right."""
    if (node := _perfect(span)) is not None:
        return [node]
    left, right = _halves(span)
    return [*_nodes(left), *_nodes(right)]


def _span_hash(span: Span, known: Callable[[Node], bytes]) -> bytes:
    if (node := _perfect(span)) is not None:
        return known(node)
    left, right = _halves(span)
    return node_hash(_span_hash(left, known), _span_hash(right, known))


def root_spans(size: int) -> list[Span]:
    """The span whose hash is the root of a tree of ``size`` leaves (none when empty)."""
    return [(0, size)] if size else []


def inclusion_spans(index: int, size: int) -> list[Span]:
    """The spans whose hashes prove leaf ``index`` in a tree of ``size``, leaf upward."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of {size}")
    spans: list[Span] = []
    start, end = 0, size
    while end - start > 1:
        middle = start + _split(end - start)
        if index < middle:
            spans.append((middle, end))
            end = middle
        else:
            spans.append((start, middle))
            start = middle
    return spans[::-1]


def consistency_spans(old_size: int, size: int) -> list[Span]:
    """The spans whose hashes prove a tree of ``old_size`` a prefix of one of ``size``."""
    if not 0 < old_size <= size:
        raise ValueError(f"no proof that {old_size} leaves lead to {size}")
    spans: list[Span] = []
    start, end, whole = 0, size, True
    while True:
        if old_size - start == end - start:
            if not whole:
                spans.append((start, end))
            return spans[::-1]
        middle = start + _split(end - start)
        if old_size <= middle:
            spans.append((middle, end))
            end = middle
        else:
            spans.append((start, middle))
            start, whole = middle, False


def nodes_for(spans: Iterable[Span]) -> set[Node]:
    """Every stored subtree the hashes of ``spans`` are made of."""
    return {node for span in spans for node in _nodes(span)}


def hashes_of(spans: Sequence[Span], known: Callable[[Node], bytes]) -> list[bytes]:
    """The hash of each of ``spans``, from the subtrees ``known`` gives."""
    return [_span_hash(span, known) for span in spans]


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes
) -> bool:
    """Whether ``proof`` shows the leaf hash ``leaf`` at ``index`` in the tree ``root``.

    RFC 9162, section 2.1.3.2.
    """
    if not 0 <= index < size:
        return False
    _, computed, last = _fold(index, size - 1, leaf, proof)
    return last == 0 and computed == root


def verify_consistency(
    old_size: int, size: int, old_root: bytes, root: bytes, proof: Sequence[bytes]
) -> bool:
    """Whether ``proof`` shows the tree ``old_root`` of ``old_size`` a prefix of ``root``.

    RFC 9162, section 2.1.4.2.
    """
    if not 0 < old_size <= size:
        return False
    if old_size == size:
        return not proof and old_root == root
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    if not path:
        return False
    node, last = old_size - 1, size - 1
    while node % 2 == 1:
        node, last = node >> 1, last >> 1
    old_computed, computed, last = _fold(node, last, path[0], path[1:])
    return last == 0 and old_computed == old_root and computed == root


def _fold(
    node: int, last: int, start: bytes, siblings: Sequence[bytes]
) -> tuple[bytes, bytes, int]:
    """Climb from ``node`` (``last`` is the tree's last leaf) folding in ``siblings``.

    Returns the hash built of ``start`` and its siblings on the left alone, the hash built of
    all of them, and what is left of ``last`` (0 when the climb reached the root; -1 when
    siblings were left over).
    """
    left = whole = start
    for sibling in siblings:
        if last == 0:
            return left, whole, -1
        if node % 2 == 1 or node == last:
            left, whole = node_hash(sibling, left), node_hash(sibling, whole)
            if node % 2 == 0:
                while node % 2 == 0 and node != 0:
                    node, last = node >> 1, last >> 1
        else:
            whole = node_hash(whole, sibling)
        node, last = node >> 1, last >> 1
    return left, whole, last
