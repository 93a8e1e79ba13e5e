import asyncio

from ledger.application.stream_locks import StreamLocks


async def test_writers_to_one_stream_take_turns_in_arrival_order() -> None:
    locks = StreamLocks()
    order: list[str] = []

    async def write(name: str, stream: str) -> None:
        async with locks.hold(stream):
            order.append(f"{name} in")
            await asyncio.sleep(0.01)
            order.append(f"{name} out")

    await asyncio.gather(write("a", "s-1"), write("b", "s-1"), write("c", "s-1"))
    assert order == ["a in", "a out", "b in", "b out", "c in", "c out"]
    assert len(locks) == 0


async def test_other_streams_do_not_wait() -> None:
    locks = StreamLocks()
    async with locks.hold("s-1"):
        await asyncio.wait_for(_enter(locks, "s-2"), timeout=1)
        assert len(locks) == 1
    assert len(locks) == 0


async def test_a_failing_holder_hands_the_stream_on() -> None:
    locks = StreamLocks()

    async def fail() -> None:
        async with locks.hold("s-1"):
            raise RuntimeError("append failed")

    results = await asyncio.gather(fail(), _enter(locks, "s-1"), return_exceptions=True)
    assert isinstance(results[0], RuntimeError)
    assert results[1] is None
    assert len(locks) == 0


async def _enter(locks: StreamLocks, stream: str) -> None:
    async with locks.hold(stream):
        return
