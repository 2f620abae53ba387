"""No request crashes the offline planner: random Korean/English text, mailboxes and pages.

The planner is driven turn by turn as the runtime drives it, with tool results drawn at random
(any mails, any totals, failures and rejections), and must end every run with a plan or an
answer — never an exception.
"""

import asyncio
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aura.agent.llm.base import Conversation, ToolOutcome
from aura.agent.llm.language import detect_language
from aura.agent.llm.offline import OfflinePlanner
from aura.agent.llm.offline.intents import parse_request
from aura.agent.llm.offline.normalising import normalise

VOCABULARY = [
    "메일", "삭제해줘", "지워", "복구", "요약", "읽음", "안", "읽은", "보내줘", "에게", "님께",
    "께서", "에서", "온", "보낸", "가장", "최근", "오래된", "세", "개", "두 통", "하나", "셋만",
    "휴지통", "선택한", "이", "제목:", "내용", "라고", "'", '"', "(", ")", "/", ",", "?", "좀",
    "delete", "the", "3", "oldest", "newest", "mails", "from", "to", "saying", "subject:",
    "body", "mark", "as", "read", "unread", "restore", "trash", "this", "selected", "all",
    "send", "email", "a@b.com", "kim@x.kr에게", "Kim", "박지현님", "이지은 (한빛컨설팅)", "three",
    "dozen", "what", "did", "send", "anything", "file", "파일", "tl;dr", "pls", "\n", "  ",
]  # fmt: skip

words = st.lists(st.sampled_from(VOCABULARY) | st.text(max_size=8), max_size=14)
prompts = words.map(" ".join) | st.text(max_size=60)
ids = st.text(min_size=0, max_size=12)
pages = st.fixed_dictionaries(
    {},
    optional={
        "itemId": ids | st.none() | st.integers(),
        "selectedItemIds": st.lists(ids | st.integers(), max_size=4) | st.none() | ids,
        "activeApp": st.sampled_from(["mail", "calendar", ""]),
    },
)
mails = st.fixed_dictionaries(
    {"id": ids},
    optional={
        "from": st.text(max_size=30) | st.just("김철수 <kim@corp.example>"),
        "subject": st.text(max_size=30),
        "snippet": st.text(max_size=30),
        "body": st.text(max_size=200),
        "receivedAt": st.text(max_size=25),
        "read": st.booleans(),
    },
)
results = st.fixed_dictionaries(
    {},
    optional={
        "items": st.lists(mails, max_size=4),
        "total": st.integers(min_value=-1, max_value=500),
        "found": st.booleans(),
        "message": mails | st.none(),
        "messages": st.lists(mails, max_size=3),
        "count": st.integers(min_value=0, max_value=5),
        "to": st.lists(st.text(max_size=20), max_size=2),
        "subject": st.text(max_size=20),
        "read": st.booleans(),
    },
)
statuses = st.sampled_from(["completed", "completed", "completed", "failed", "rejected", "expired"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prompts)
def test_normalising_and_parsing_never_fail(prompt: str):
    normalise(prompt)
    parse_request(prompt)
    assert detect_language(prompt) in ("ko", "en")


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prompts, pages, st.lists(st.tuples(statuses, results), max_size=6))
def test_every_run_ends_in_a_plan_or_an_answer(
    prompt: str, page: dict[str, Any], replies: list[tuple[str, dict[str, Any]]]
):
    # Hypothesis drives plain functions; each example runs its own event loop.
    asyncio.run(_run(prompt, page, replies))


async def _run(
    prompt: str, page: dict[str, Any], replies: list[tuple[str, dict[str, Any]]]
) -> None:
    planner = OfflinePlanner()
    conversation = Conversation(prompt, detect_language(prompt), page)
    for turn_number in range(8):
        turn = await planner.turn(conversation)
        conversation.announced_plan.extend(turn.plan)
        if turn.answer is not None:
            assert isinstance("".join([piece async for piece in turn.answer]), str)
            return
        assert turn.tool_calls, "a turn without an answer asks for a tool"
        for call in turn.tool_calls:
            status, result = (
                replies[turn_number] if turn_number < len(replies) else ("completed", {})
            )
            conversation.outcomes.append(
                ToolOutcome(
                    call,
                    status,  # type: ignore[arg-type]
                    result=result if status == "completed" else None,
                    error="boom" if status == "failed" else None,
                    reason="no" if status == "rejected" else None,
                )
            )
    # A plan longer than eight turns is fine; what matters is that no turn raised.
