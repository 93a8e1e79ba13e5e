"""The Merkle tree against RFC 9162's definitions, written here afresh, and published vectors.

``_mth``, ``_path`` and ``_subproof`` transcribe the RFC's recursive definitions (section
2.1.1, 2.1.3.1, 2.1.4.1) over a list of leaves, sharing nothing with the tree's code; the
roots and proofs of the eight leaves are the vectors of Certificate Transparency's
reference implementation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest

from ledger.store.merkle import (
    EMPTY_ROOT,
    Node,
    consistency_spans,
    frontier,
    grow,
    hashes_of,
    inclusion_spans,
    leaf_hash,
    nodes_for,
    root_of,
    root_spans,
    verify_consistency,
    verify_inclusion,
)
from ledger.verifier import root_of_leaves

_LEAVES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    bytes(range(0x50, 0x58)),
    bytes(range(0x60, 0x70)),
]
_ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
_PATH_OF_LEAF_0_IN_8 = [
    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
]
_PROOF_6_TO_8 = [
    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
]


def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _k(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def _mth(d: list[bytes]) -> bytes:
    if not d:
        return _sha(b"")
    if len(d) == 1:
        return _sha(b"\x00" + d[0])
    k = _k(len(d))
    return _sha(b"\x01" + _mth(d[:k]) + _mth(d[k:]))


def _path(m: int, d: list[bytes]) -> list[bytes]:
    if len(d) == 1:
        return []
    k = _k(len(d))
    if m < k:
        return [*_path(m, d[:k]), _mth(d[k:])]
    return [*_path(m - k, d[k:]), _mth(d[:k])]


def _subproof(m: int, d: list[bytes], *, whole: bool) -> list[bytes]:
    if m == len(d):
        return [] if whole else [_mth(d)]
    k = _k(len(d))
    if m <= k:
        return [*_subproof(m, d[:k], whole=whole), _mth(d[k:])]
    return [*_subproof(m - k, d[k:], whole=False), _mth(d[:k])]


def _leaves(count: int) -> list[bytes]:
    return [_LEAVES[i] if i < len(_LEAVES) else i.to_bytes(4, "big") for i in range(count)]


def _subtrees(leaves: list[bytes]) -> Callable[[Node], bytes]:
    """A subtree's hash, from the leaves, by the RFC's definition."""

    def known(node: Node) -> bytes:
        start = node.number << node.level
        return _mth(leaves[start : start + (1 << node.level)])

    return known


def _root(leaves: list[bytes]) -> bytes:
    spans = root_spans(len(leaves))
    return hashes_of(spans, _subtrees(leaves))[0] if spans else EMPTY_ROOT


def test_the_roots_of_the_reference_vectors() -> None:
    assert [_root(_LEAVES[:n]).hex() for n in range(9)] == _ROOTS
    assert [_mth(_LEAVES[:n]).hex() for n in range(9)] == _ROOTS  # the transcription too


def test_the_proofs_of_the_reference_vectors() -> None:
    known = _subtrees(_LEAVES)
    assert [h.hex() for h in hashes_of(inclusion_spans(0, 8), known)] == _PATH_OF_LEAF_0_IN_8
    assert [h.hex() for h in hashes_of(consistency_spans(6, 8), known)] == _PROOF_6_TO_8


@pytest.mark.parametrize("size", range(1, 41))
def test_every_proof_of_a_tree_is_the_rfcs_and_checks(size: int) -> None:
    leaves = _leaves(size)
    known, root = _subtrees(leaves), _mth(leaves)
    for index in range(size):
        proof = hashes_of(inclusion_spans(index, size), known)
        assert proof == _path(index, leaves)
        assert verify_inclusion(index, size, leaf_hash(leaves[index]), proof, root)
    for old_size in range(1, size + 1):
        proof = hashes_of(consistency_spans(old_size, size), known)
        assert proof == _subproof(old_size, leaves, whole=True)
        assert verify_consistency(old_size, size, _mth(leaves[:old_size]), root, proof)


def test_a_proof_needs_logarithmically_many_stored_subtrees() -> None:
    size = 1_000_000
    assert len(inclusion_spans(123_457, size)) <= 20  # ceil(log2(1e6))
    # A consistency proof may end with both halves of the old tree's last pair.
    assert max(len(consistency_spans(old, size)) for old in range(654_300, 654_400)) == 21
    assert len(nodes_for(inclusion_spans(123_457, size))) <= 2 * 20


@pytest.mark.parametrize("size", [1, 2, 3, 7, 8, 13])
def test_a_forged_or_misplaced_proof_is_refused(size: int) -> None:
    leaves = _leaves(size)
    root = _mth(leaves)
    for index in range(size):
        proof = _path(index, leaves)
        leaf = leaf_hash(leaves[index])
        for position in range(len(proof)):
            forged = [*proof]
            forged[position] = _sha(forged[position])
            assert not verify_inclusion(index, size, leaf, forged, root)
        assert not verify_inclusion(index, size, _sha(leaf), proof, root)
        assert not verify_inclusion(index, 2 * size, leaf, proof, root)
        assert not verify_inclusion(index, size, leaf, [*proof, root], root)
        if proof:
            assert not verify_inclusion(index, size, leaf, proof[:-1], root)
        if size > 1:
            assert not verify_inclusion((index + 1) % size, size, leaf, proof, root)


@pytest.mark.parametrize("size", [2, 3, 7, 8, 13])
def test_a_forged_consistency_proof_or_a_split_view_is_refused(size: int) -> None:
    leaves = _leaves(size)
    root = _mth(leaves)
    for old_size in range(1, size):
        old_root = _mth(leaves[:old_size])
        proof = _subproof(old_size, leaves, whole=True)
        for position in range(len(proof)):
            forged = [*proof]
            forged[position] = _sha(forged[position])
            assert not verify_consistency(old_size, size, old_root, root, forged)
        # Another history of the same size: the old tree with one leaf changed.
        other = _mth([*leaves[: old_size - 1], b"rewritten"])
        assert not verify_consistency(old_size, size, other, root, proof)
        assert not verify_consistency(old_size, size, old_root, root, proof[:-1])
    assert not verify_consistency(size, size, root, _sha(root), [])


@pytest.mark.parametrize("size", [0, 1, 2, 5, 8, 13, 32])
def test_growing_a_tree_stores_every_subtree_and_keeps_its_root(size: int) -> None:
    leaves = _leaves(40)
    hashed = [leaf_hash(leaf) for leaf in leaves]
    completed, edge = grow(0, [], hashed[:size])
    # Then the rest in uneven batches, as the sealer meets them.
    grown, done = size, dict(completed)
    for batch in (1, 3, 7, 40):
        step, edge = grow(grown, edge, hashed[grown : grown + batch])
        done.update(step)
        grown = min(grown + batch, 40)
        assert root_of(edge) == _mth(leaves[:grown])
        assert edge == [_subtrees(leaves)(node) for node in frontier(grown)]
    known = _subtrees(leaves)
    assert done == {node: known(node) for node in done}
    assert len(done) == 2 * 40 - (40).bit_count()  # every complete subtree, once


def test_the_verifiers_own_root_is_the_rfcs() -> None:
    for size in range(41):
        leaves = _leaves(size)
        assert root_of_leaves([leaf_hash(leaf) for leaf in leaves]) == _mth(leaves)
