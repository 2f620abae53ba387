"""The offline planner on its evaluation set, against the real mail service's demo mailboxes.

Over 200 requests written as people ask (Korean and English, typos, politeness, page context);
each must make exactly the expected tool calls and approvals and answer in its own language.
`python -m bench.planner_accuracy --failures` prints the table and every miss.
"""

import pytest

from aura.agent.llm.offline import OfflinePlanner
from tests.agent.llm.evaluation.expectations import CATEGORIES
from tests.agent.llm.evaluation.mailroom import mailroom
from tests.agent.llm.evaluation.scoring import CASES, accuracy_table, evaluate, render

pytestmark = pytest.mark.db


def test_the_set_is_large_bilingual_and_covers_every_category():
    korean = [case for case in CASES if case.language == "ko"]
    assert len(CASES) >= 200
    assert abs(len(korean) - (len(CASES) - len(korean))) <= len(CASES) // 20
    assert {case.category for case in CASES} == set(CATEGORIES)
    assert sum(1 for case in CASES if case.page) >= 20, "requests made with page context"
    assert len({case.prompt for case in CASES}) == len(CASES), "a request is listed twice"


async def test_accuracy_overall_per_category_and_per_language(database_url: str, jwt_secret: str):
    async with mailroom(database_url, jwt_secret) as room:
        verdicts = await evaluate(OfflinePlanner(room.tools), room.tools, room)
    table = accuracy_table(verdicts)
    missed = "\n".join(f"{v.case.prompt!r}: {v.problem}" for v in verdicts if not v.passed)
    report = f"{render(table)}\n{missed}"
    assert not [v for v in verdicts if v.problem.startswith("crashed")], report
    passed, total = table["overall"]
    assert passed / total >= 0.95, report
    for key in (*CATEGORIES, "ko", "en"):
        passed, total = table[key]
        assert passed / total >= 0.90, f"{key}: {passed}/{total}\n{report}"
