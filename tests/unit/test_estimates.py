import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.domain.estimates import Estimate, Qualifier

counts = st.one_of(st.none(), st.integers(-5, 200))


def _valid(low: int, best: int | None, high: int | None, qualifier: Qualifier) -> bool:
    values = [v for v in (low, best, high) if v is not None]
    if any(v < 0 for v in values) or values != sorted(values):
        return False
    if qualifier is Qualifier.EXACT:
        return best == low == high
    if qualifier is Qualifier.AT_MOST:
        return high is not None
    return True


@given(st.integers(-5, 200), counts, counts, st.sampled_from(Qualifier))
def test_an_estimate_is_accepted_exactly_when_its_rules_hold(
    low: int, best: int | None, high: int | None, qualifier: Qualifier
) -> None:
    raw = {"low": low, "best": best, "high": high, "qualifier": qualifier.value}
    if _valid(low, best, high, qualifier):
        estimate = msgspec.convert(raw, Estimate)
        assert estimate.low == low
    else:
        with pytest.raises(msgspec.ValidationError):
            msgspec.convert(raw, Estimate)


def test_the_article_numbers_fit() -> None:
    assert Estimate.exactly(55).best == 55
    more_than_ninety = Estimate(low=91, qualifier=Qualifier.AT_LEAST)
    assert more_than_ninety.high is None
    dozens = Estimate(low=24, qualifier=Qualifier.VAGUE)
    assert dozens.best is None
    almost_a_million = Estimate(
        low=900_000, best=950_000, high=1_000_000, qualifier=Qualifier.APPROXIMATELY
    )
    assert almost_a_million.high == 1_000_000
