"""The garbage collector's settings during passes over the log, and after them."""

from __future__ import annotations

import gc

import pytest

from ledger.projections.collector import collector_for_a_pass


def test_a_pass_freezes_what_the_process_held_and_restores_the_collector() -> None:
    before = gc.get_threshold()
    with collector_for_a_pass():
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] > before[0]
        assert gc.get_threshold()[1:] == before[1:]
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


def test_overlapping_passes_restore_the_collector_when_the_last_one_ends() -> None:
    before = gc.get_threshold()
    first, second = collector_for_a_pass(), collector_for_a_pass()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert gc.get_freeze_count() > 0  # the second pass is still running
    assert gc.get_threshold() != before
    second.__exit__(None, None, None)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


def test_a_failed_pass_restores_the_collector() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), collector_for_a_pass():
        raise RuntimeError("the fold broke")
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before
