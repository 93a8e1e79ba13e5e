"""The offline verifier against published vectors and an independent RFC 8785 library.

Signed notes: the example of Go's golang.org/x/mod/sumdb/note (its key, text and signature).
Canonical JSON: the `rfc8785` package, written apart from the verifier's own encoder, and
the number examples of RFC 8785 appendix B.
"""

from __future__ import annotations

import base64
import math
import struct
import uuid
from datetime import UTC, datetime

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.store.canonical import canonical_document, canonical_event
from ledger.store.signing import SigningKey
from ledger.verifier import (
    COSIGNATURE_V1,
    VerificationError,
    canonical_json,
    check_split_view,
    open_checkpoint,
    parse_verifier_key,
    split_note,
)

_GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
_GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
_GO_TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
_GO_SIGNATURE = (
    "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfq"
    "dngotpRZb6KE6RyyBwJnAM=\n"
)
# RFC 8785 appendix B: IEEE 754 doubles and their canonical text.
_RFC_NUMBERS = [
    (0x0000000000000000, "0"),
    (0x8000000000000000, "0"),
    (0x0000000000000001, "5e-324"),
    (0x8000000000000001, "-5e-324"),
    (0x7FEFFFFFFFFFFFFF, "1.7976931348623157e+308"),
    (0x4340000000000000, "9007199254740992"),
    (0xC340000000000000, "-9007199254740992"),
    (0x4430000000000000, "295147905179352830000"),
    (0x44B52D02C7E14AF5, "9.999999999999997e+22"),
    (0x44B52D02C7E14AF6, "1e+23"),
    (0x44B52D02C7E14AF7, "1.0000000000000001e+23"),
    (0x444B1AE4D6E2EF4E, "999999999999999700000"),
    (0x444B1AE4D6E2EF4F, "999999999999999900000"),
    (0x444B1AE4D6E2EF50, "1e+21"),
    (0x3EB0C6F7A0B5ED8C, "9.999999999999997e-7"),
    (0x3EB0C6F7A0B5ED8D, "0.000001"),
    (0x41B3DE4355555553, "333333333.3333332"),
    (0x41B3DE4355555554, "333333333.33333325"),
    (0x41B3DE4355555555, "333333333.3333333"),
    (0x41B3DE4355555556, "333333333.3333334"),
    (0x41B3DE4355555557, "333333333.33333343"),
    (0xBECBF647612F3696, "-0.0000033333333333333333"),
    (0x43143FF3C1CB0959, "1424953923781206.2"),
]


def test_the_go_note_example_signs_and_verifies_byte_for_byte() -> None:
    key = SigningKey.parse(_GO_SIGNER)
    assert key.verifier.text == _GO_VERIFIER
    assert key.sign(_GO_TEXT).line == _GO_SIGNATURE
    assert key.text().strip() == _GO_SIGNER
    text, signatures = split_note(f"{_GO_TEXT}\n{_GO_SIGNATURE}")
    assert text == _GO_TEXT
    assert [s.line for s in signatures] == [_GO_SIGNATURE]
    assert parse_verifier_key(_GO_VERIFIER) == key.verifier


@pytest.mark.parametrize(
    "text",
    [
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  # wrong id
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T",  # short key
        "PeterNeumann+c74f20a3",
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+A3pc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  # type 0x03
    ],
)
def test_a_mangled_verifier_key_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"verifier key|key id|not an Ed25519|base64"):
        parse_verifier_key(text)


@pytest.mark.parametrize(("bits", "text"), _RFC_NUMBERS)
def test_numbers_are_written_as_rfc_8785_writes_them(bits: int, text: str) -> None:
    (value,) = struct.unpack(">d", bits.to_bytes(8, "big"))
    assert canonical_json(value) == text.encode()


_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=12,
)


@given(_json)
def test_the_verifiers_canonical_json_is_the_rfc_8785_librarys(value: object) -> None:
    try:
        expected = rfc8785.dumps(value)  # type: ignore[arg-type]
    except UnicodeEncodeError:
        return  # lone surrogates have no UTF-8 form in either
    assert canonical_json(value) == expected


def test_integers_past_a_doubles_precision_are_written_as_the_double() -> None:
    assert canonical_json(2**60) == rfc8785.dumps(float(2**60))
    assert canonical_json(10**400) == b'"' + str(10**400).encode() + b'"'
    assert not math.isinf(float(canonical_json(-(2**60))))


def _checkpoint(key: SigningKey, size: int, root: bytes) -> str:
    body = f"{key.verifier.name}\n{size}\n{base64.b64encode(root).decode()}\n"
    return f"{body}\n{key.sign(body).line}"


def test_a_checkpoint_opens_only_with_its_logs_key_and_unaltered() -> None:
    log = SigningKey.generate("example.org/ledger")
    other = SigningKey.generate("example.org/ledger")
    note = _checkpoint(log, 7, bytes(32))
    checkpoint, cosigned = open_checkpoint(note, [log.verifier])
    assert (checkpoint.origin, checkpoint.size, checkpoint.root, cosigned) == (
        "example.org/ledger",
        7,
        bytes(32),
        [],
    )
    with pytest.raises(VerificationError, match="no signature by a trusted key"):
        open_checkpoint(note, [other.verifier])
    with pytest.raises(VerificationError, match="does not verify"):
        open_checkpoint(note.replace("\n7\n", "\n8\n"), [log.verifier])
    # Another key's signature under this key's name and id.
    body = note.split("\n\n")[0] + "\n"
    impostor = other.sign(body)._replace(name=log.verifier.name, key_id=log.verifier.key_id)
    with pytest.raises(VerificationError, match="does not verify"):
        open_checkpoint(f"{body}\n{impostor.line}", [log.verifier])


def test_a_witness_cosignature_is_checked_and_named() -> None:
    log = SigningKey.generate("example.org/ledger")
    witness = SigningKey.generate("witness.example.net", COSIGNATURE_V1)
    note = _checkpoint(log, 3, bytes(range(32)))
    body = note.split("\n\n")[0] + "\n"
    cosigned = note + witness.cosign(body, 1_733_000_000).line
    _, names = open_checkpoint(cosigned, [log.verifier], [witness.verifier])
    assert names == ["witness.example.net"]
    # A cosignature made at one time, presented as made at another, does not verify.
    made = witness.cosign(body, 1_733_000_001)
    restamped = made._replace(signature=(1_733_000_000).to_bytes(8, "big") + made.signature[8:])
    with pytest.raises(VerificationError, match=r"cosignature by witness\.example\.net"):
        open_checkpoint(note + restamped.line, [log.verifier], [witness.verifier])


def test_two_checkpoints_of_one_size_with_two_roots_are_a_split_view() -> None:
    log = SigningKey.generate("example.org/ledger")
    first, _ = open_checkpoint(_checkpoint(log, 5, bytes(32)), [log.verifier])
    second, _ = open_checkpoint(_checkpoint(log, 5, b"\x01" * 32), [log.verifier])
    larger, _ = open_checkpoint(_checkpoint(log, 6, b"\x01" * 32), [log.verifier])
    with pytest.raises(VerificationError, match="split view"):
        check_split_view(first, second)
    check_split_view(first, first)
    check_split_view(first, larger)


_rows = st.tuples(
    st.integers(min_value=1, max_value=2**62),
    st.just("1234"),
    st.uuids(),
    st.text(min_size=1, max_size=12),
    st.integers(min_value=0, max_value=2**53 - 1),
    st.text(min_size=1, max_size=12),
    st.integers(min_value=1, max_value=9),
    st.dictionaries(st.text(max_size=6), _json, max_size=6),
    st.dictionaries(st.text(max_size=6), _json, max_size=3),
    # What PostgreSQL's clock records: no instant at the edge of the calendar. Hypothesis
    # takes naive bounds and adds the zone.
    st.datetimes(
        datetime(1970, 1, 2),  # noqa: DTZ001
        datetime(2200, 1, 1),  # noqa: DTZ001
        timezones=st.timezones(),
    ),
)


@settings(max_examples=500)
@given(_rows)
def test_the_ledgers_canonical_event_is_the_rfc_8785_form(row: tuple[object, ...]) -> None:
    document = canonical_document(row)
    try:
        expected = rfc8785.dumps(document)
    except UnicodeEncodeError:
        return  # lone surrogates have no UTF-8 form in either
    except rfc8785.IntegerDomainError:
        expected = canonical_json(document)  # the verifier's, for a position past 2**53
    assert canonical_event(row) == expected


def test_the_ledgers_canonical_event_orders_keys_by_utf_16_beyond_the_bmp() -> None:
    # U+1F600 sorts before U+FB01 in UTF-16 (a surrogate, 0xD83D) but after it by code point.
    at = datetime(2020, 2, 27, 21, tzinfo=UTC)
    for data in ({"\ufb01": 2, "\U0001f600": 1}, {"\ufb01": 2.5, "\U0001f600": [1.5, 2**60]}):
        row: tuple[object, ...] = (7, "1", uuid.UUID(int=7), "s", 1, "t", 1, data, {}, at)
        written = canonical_event(row)
        assert written == canonical_json(canonical_document(row))
        assert written.index("\U0001f600".encode()) < written.index("\ufb01".encode())
