"""A Merkle tree over the log as RFC 9162 section 2.1 defines it: roots, proofs, their checks.

Leaves are numbered from 0 in the gap-free global order; a leaf's hash is SHA-256 of 0x00
and its data, a node's SHA-256 of 0x01 and its two children. A tree is read through its
perfect subtrees (``Node``: 2**level leaves from a multiple of 2**level), which do not
change once complete and can be stored as they fill: a root or a proof is computed from
O(log n) of them, each named beforehand (``nodes_for``) so that one read fetches them all.
Hashing and the checks of proofs are the offline verifier's own (``ledger.verifier``), so
the service and a reader's copy of that file cannot disagree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import Final, NamedTuple

from ledger.verifier import leaf_hash, node_hash, verify_consistency, verify_inclusion

EMPTY_ROOT: Final = hashlib.sha256(b"").digest()
"""The root of a tree of no leaves."""

Span = tuple[int, int]
"""Leaves ``start`` (inclusive) to ``end`` (exclusive)."""


__all__ = [
    "EMPTY_ROOT",
    "Node",
    "Span",
    "consistency_spans",
    "frontier",
    "grow",
    "hashes_of",
    "inclusion_spans",
    "leaf_hash",
    "node_hash",
    "nodes_for",
    "root_of",
    "root_spans",
    "span_hashes",
    "verify_consistency",
    "verify_inclusion",
]


class Node(NamedTuple):
    """The perfect subtree of the ``2**level`` leaves from ``number * 2**level``."""

    level: int
    number: int


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


def frontier(size: int) -> list[Node]:
    """The perfect subtrees a tree of ``size`` leaves is made of, largest (leftmost) first."""
    return _nodes((0, size)) if size else []


def root_of(subtrees: Sequence[bytes]) -> bytes:
    """The root of a tree from the hashes of its ``frontier``, left to right."""
    if not subtrees:
        return EMPTY_ROOT
    root = subtrees[-1]
    for left in reversed(subtrees[:-1]):
        root = node_hash(left, root)
    return root


def grow(
    size: int, subtrees: Sequence[bytes], leaves: Iterable[bytes]
) -> tuple[list[tuple[Node, bytes]], list[bytes]]:
    """Append leaf hashes to a tree of ``size`` whose ``frontier`` hashes are ``subtrees``.

    Returns every subtree completed on the way (the leaves first among them) and the new
    frontier's hashes.
    """
    stack = list(zip(frontier(size), subtrees, strict=True))
    completed: list[tuple[Node, bytes]] = []
    for index, leaf in enumerate(leaves, start=size):
        node, hashed = Node(0, index), leaf
        completed.append((node, hashed))
        # A right child completes its parent: climb while the stack's top is its sibling.
        while stack and stack[-1][0] == Node(node.level, node.number - 1) and node.number % 2:
            left = stack.pop()
            node, hashed = Node(node.level + 1, node.number // 2), node_hash(left[1], hashed)
            completed.append((node, hashed))
        stack.append((node, hashed))
    return completed, [hashed for _, hashed in stack]


def nodes_for(spans: Iterable[Span]) -> set[Node]:
    """Every stored subtree the hashes of ``spans`` are made of."""
    return {node for span in set(spans) for node in _nodes(span)}


def hashes_of(spans: Sequence[Span], known: Callable[[Node], bytes]) -> list[bytes]:
    """The hash of each of ``spans``, from the subtrees ``known`` gives."""
    hashed = span_hashes(spans, known)
    return [hashed[span] for span in spans]


def span_hashes(spans: Iterable[Span], known: Callable[[Node], bytes]) -> dict[Span, bytes]:
    """The hash of each of ``spans`` and of the spans they are made of, each worked out once.

    The proofs of many leaves of one tree share the spans along its right edge, which are
    not stored subtrees: hashed once each, not once a proof.
    """
    hashed: dict[Span, bytes] = {}

    def of(span: Span) -> bytes:
        found = hashed.get(span)
        if found is None:
            node = _perfect(span)
            if node is None:
                left, right = _halves(span)
                found = node_hash(of(left), of(right))
            else:
                found = known(node)
            hashed[span] = found
        return found

    for span in spans:
        of(span)
    return hashed
