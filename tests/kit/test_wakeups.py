"""`Wakeup`: set before or during a wait wakes every waiter; a timeout says False; cancelling one
waiter leaves the others waiting and the wake-up usable."""

import asyncio

from aura.kit.wakeups import Wakeup


async def test_a_set_wakes_every_waiter_and_a_set_before_the_wait_is_not_lost():
    wakeup = Wakeup()
    waiters = [asyncio.create_task(wakeup.wait(5)) for _ in range(3)]
    await asyncio.sleep(0)
    wakeup.set()
    assert await asyncio.gather(*waiters) == [True, True, True]
    assert await wakeup.wait(5) is True  # still set
    wakeup.clear()
    assert wakeup.is_set() is False


async def test_a_wait_that_nobody_ends_says_false_after_its_time():
    assert await Wakeup().wait(0.01) is False


async def test_cancelling_one_waiter_leaves_the_others_waiting():
    wakeup = Wakeup()
    cancelled = asyncio.create_task(wakeup.wait(5))
    other = asyncio.create_task(wakeup.wait(5))
    await asyncio.sleep(0)
    cancelled.cancel()
    await asyncio.sleep(0)
    assert cancelled.cancelled() and not other.done()
    wakeup.set()
    assert await other is True
