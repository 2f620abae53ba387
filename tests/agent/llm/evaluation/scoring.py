"""Running the evaluation set and scoring each request.

A request scores when the run made exactly the expected tool calls with exactly the expected
arguments, asked for approval of exactly the calls whose tools need it, did not fail, and wrote
its analysis and answer in the request's language (mail data quoted in them is left out of that
check: a Korean subject in an English answer is data, not a sentence).
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from aura.agent.llm.base import ChatModel, ToolOutcome
from aura.agent.llm.language import is_hangul
from aura.agent.tools.registry import ToolRegistry
from tests.agent.llm.evaluation.browsing_cases import SEARCH, SUMMARISE
from tests.agent.llm.evaluation.change_cases import DELETE, MARK, RESTORE
from tests.agent.llm.evaluation.eighteenth_cases import EIGHTEENTH
from tests.agent.llm.evaluation.eighth_cases import EIGHTH
from tests.agent.llm.evaluation.eleventh_cases import ELEVENTH
from tests.agent.llm.evaluation.expectations import CATEGORIES, Case, Found, Ref
from tests.agent.llm.evaluation.fifteenth_cases import FIFTEENTH
from tests.agent.llm.evaluation.fifth_cases import FIFTH
from tests.agent.llm.evaluation.fourteenth_cases import FOURTEENTH
from tests.agent.llm.evaluation.fourth_cases import FOURTH
from tests.agent.llm.evaluation.later_cases import LATER
from tests.agent.llm.evaluation.mailroom import MAILBOXES, Folders, Mailroom, Run, drive
from tests.agent.llm.evaluation.ninth_cases import NINTH
from tests.agent.llm.evaluation.second_cases import SECOND
from tests.agent.llm.evaluation.send_cases import OUT_OF_SCOPE, SEND
from tests.agent.llm.evaluation.seventeenth_cases import SEVENTEENTH
from tests.agent.llm.evaluation.seventh_cases import SEVENTH
from tests.agent.llm.evaluation.sixteenth_cases import SIXTEENTH
from tests.agent.llm.evaluation.sixth_cases import SIXTH
from tests.agent.llm.evaluation.tenth_cases import TENTH
from tests.agent.llm.evaluation.third_cases import THIRD
from tests.agent.llm.evaluation.thirteenth_cases import THIRTEENTH
from tests.agent.llm.evaluation.twelfth_cases import TWELFTH

BUILT_WITH: list[Case] = [*DELETE, *SEARCH, *SUMMARISE, *SEND, *RESTORE, *MARK, *OUT_OF_SCOPE]
CASES: list[Case] = [
    *BUILT_WITH,
    *LATER,
    *SECOND,
    *THIRD,
    *FOURTH,
    *FIFTH,
    *SIXTH,
    *SEVENTH,
    *EIGHTH,
    *NINTH,
    *TENTH,
    *ELEVENTH,
    *TWELFTH,
    *THIRTEENTH,
    *FOURTEENTH,
    *FIFTEENTH,
    *SIXTEENTH,
    *SEVENTEENTH,
    *EIGHTEENTH,
]
NOTHING_FOUND = "<nothing found>"
SEARCH_TOOLS = frozenset({"list_messages", "search_messages"})
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Verdict:
    case: Case
    passed: bool
    problem: str = ""
    got: tuple[tuple[str, dict[str, Any]], ...] = ()


def _resolve(value: Any, folders: Folders, found: list[str]) -> Any:
    if isinstance(value, Ref):
        ids = getattr(folders, value.folder)
        return ids[value.index] if value.index < len(ids) else f"<no {value}>"
    if isinstance(value, Found):
        if value.first_only:
            return found[0] if found else NOTHING_FOUND
        return list(found)
    if isinstance(value, dict):
        return {k: _resolve(v, folders, found) for k, v in value.items()}
    if isinstance(value, list):
        resolved: list[Any] = []
        for entry in value:
            item = _resolve(entry, folders, found)
            resolved.extend(item if isinstance(entry, Found) else [item])
        return resolved
    return value


def resolve_page(page: dict[str, Any], folders: Folders) -> dict[str, Any]:
    return _resolve(page, folders, [])  # type: ignore[no-any-return]


def _found_before(outcomes: list[ToolOutcome], index: int) -> list[str]:
    found: list[str] = []
    for outcome in outcomes[:index]:
        if outcome.call.name in SEARCH_TOOLS and outcome.result:
            found = [str(i["id"]) for i in outcome.result.get("items", [])]
    return found


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
        yield from (line.strip() for line in value.splitlines() if line.strip())
    elif isinstance(value, dict):
        for entry in value.values():
            yield from _strings(entry)
    elif isinstance(value, list):
        for entry in value:
            yield from _strings(entry)


def _prose(text: str, data: list[str]) -> list[str]:
    """The lines of `text` with every piece of mail data (and quoted request text) removed."""
    lines = []
    for line in text.splitlines():
        bare = line.strip(" •-").removesuffix("…").strip()
        if bare and any(bare in piece for piece in data):
            continue
        for piece in data:
            if len(piece) > 1:
                line = line.replace(piece, " ")
        lines.append(line)
    return lines


def language_problem(case: Case, run: Run) -> str:
    data = sorted(
        {s for o in run.outcomes for s in _strings(o.result or {})}
        | {s for c in run.calls for s in _strings(c.arguments)}
        | _request_values(case),
        key=len,
        reverse=True,
    )
    for label, text in (("analysis", run.thought), ("answer", run.answer)):
        prose = _prose(text, data)
        own = (
            any(is_hangul(ch) for line in prose for ch in line)
            if case.language == "ko"
            else any(len(_LATIN_WORD.findall(line)) >= 2 for line in prose)
        )
        if text and not own:
            return f"{label} has no sentence of its own in the request's language"
        for line in prose:
            korean = any(is_hangul(ch) for ch in line)
            if case.language == "en" and korean:
                return f"{label} has Korean in an English reply: {line.strip()!r}"
            if case.language == "ko" and not korean and len(_LATIN_WORD.findall(line)) >= 3:
                return f"{label} has an English sentence in a Korean reply: {line.strip()!r}"
    if not run.answer.strip():
        return "no answer"
    return ""


def _request_values(case: Case) -> set[str]:
    """Names, addresses and quoted text of the request: data wherever they are echoed."""
    values: set[str] = set()
    for match in re.finditer(r"'([^']+)'|\"([^\"]+)\"", case.prompt):
        values.add(match.group(1) or match.group(2))
    words = re.findall(r"\S+", case.prompt)
    if case.language == "en":
        values.update(w.strip("?,.!") for w in words if any(is_hangul(ch) for ch in w))
    values.update(w for w in words if "@" in w)
    return values


async def score(case: Case, model: ChatModel, tools: ToolRegistry, room: Mailroom) -> Verdict:
    mailbox = MAILBOXES[case.mailbox]
    folders = await room.reset(mailbox)
    page = resolve_page(case.page, folders)
    try:
        run = await drive(model, tools, room.context(mailbox, page), case.prompt, page)
    except Exception as exc:
        return Verdict(case, False, f"crashed: {type(exc).__name__}: {exc}")
    got = tuple((c.name, c.arguments) for c in run.calls)
    expected = []
    for call in case.calls:
        arguments = _resolve(call.arguments, folders, _found_before(run.outcomes, len(expected)))
        if arguments.get("ids") == [] or arguments.get("id") == NOTHING_FOUND:
            continue  # acting on what a search found, when it found nothing, is no call at all
        expected.append((call.tool, arguments))
    if list(got) != expected:
        return Verdict(case, False, f"calls differ; expected {expected}", got)
    gated = [name for name, _ in got if tools.get(name).requires_approval]
    if run.approvals != gated:
        return Verdict(case, False, f"approvals {run.approvals} != {gated}", got)
    failed = [o for o in run.outcomes if o.status != "completed"]
    if failed:
        return Verdict(case, False, f"a call failed: {failed[0].error}", got)
    problem = language_problem(case, run) or _misunderstood(case, run)
    return Verdict(case, not problem, problem, got)


_REPORTED = re.compile(r"(?:Not understood: |이해하지 못한 부분: )(.+?)(?: — |\.$|$)", re.M)


def _misunderstood(case: Case, run: Run) -> str:
    """The words the planner reported as not understood are exactly the case's `unclear` ones:
    politeness and fillers never are; a qualifier that would change the action (a date range
    the tools cannot filter by) must be."""
    found = _REPORTED.search(run.thought)
    reported = set(re.findall(r"[\"']([^\"']+)[\"']", found.group(1))) if found else set()
    if reported != set(case.unclear):
        return f"reported {sorted(reported)} as not understood, expected {list(case.unclear)}"
    return ""


async def evaluate(
    model: ChatModel, tools: ToolRegistry, room: Mailroom, cases: list[Case] = CASES
) -> list[Verdict]:
    return [await score(case, model, tools, room) for case in cases]


def accuracy_table(verdicts: list[Verdict]) -> dict[str, tuple[int, int]]:
    """(passed, total) per category, per language, per category and language, and overall."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for verdict in verdicts:
        c = verdict.case
        for key in (c.category, c.language, f"{c.category}/{c.language}", "overall"):
            table[key][0] += int(verdict.passed)
            table[key][1] += 1
    order = [*CATEGORIES, "ko", "en", "overall"]
    return {key: (table[key][0], table[key][1]) for key in order if key in table}


def render(table: dict[str, tuple[int, int]]) -> str:
    lines = ["| requests | correct | accuracy |", "|---|---:|---:|"]
    for key, (passed, total) in table.items():
        lines.append(f"| {key} | {passed}/{total} | {100 * passed / total:.1f} % |")
    return "\n".join(lines)
