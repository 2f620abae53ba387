"""Answers written from what the tools returned, in the prompt's language."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from aura.agent.language import Language
from aura.agent.llm.base import ToolOutcome
from aura.agent.llm.offline import wording as w
from aura.agent.llm.offline.intents import Intent
from aura.agent.llm.offline.plans import Missing, Plan, Results, Step, completed
from aura.agent.llm.offline.refusals import missing_text, stopped_text, unparsed_note
from aura.agent.llm.offline.texts import FOLDER_NAMES, describe_query


@dataclass(frozen=True)
class Answer:
    text: str
    title: str


def _titles(key: str, language: Language) -> str:
    titles = {
        "list": ("메일 목록", "Mails"),
        "read": ("메일 내용", "The mail"),
        "summarise": ("메일 요약", "Summary"),
        "delete": ("휴지통으로 이동한 메일", "Moved to the trash"),
        "restore": ("복구한 메일", "Restored mails"),
        "mark": ("읽음 상태를 바꾼 메일", "Mails marked"),
        "send": ("보낸 메일", "Mail sent"),
        "stopped": ("실행하지 않은 작업", "Not done"),
        "help": ("할 수 있는 일", "What I can do"),
    }
    korean, english = titles[key]
    return korean if language == "ko" else english


def _listing(find: dict[str, Any], language: Language) -> str:
    items, total = find.get("items", []), int(find.get("total", 0))
    query = describe_query(language, {**find, "limit": len(items) or 1})
    folder = find.get("folder") or "inbox"
    if not items:
        if language == "ko":
            return f"{FOLDER_NAMES['ko'][folder]}에 조건에 맞는 메일이 없습니다."
        return f"No mails match in the {FOLDER_NAMES['en'][folder]}."
    if language == "ko":
        head = f"조건에 맞는 메일이 모두 {total}개 있습니다. {query}입니다:"
    else:
        head = f"{total} matching {'mail' if total == 1 else 'mails'} in all; {query}:"
    return head + "\n" + w.numbered(items, language, with_state=True)


def _item_note(results: Results, language: Language) -> str:
    opened = completed(results, "step-open")
    if opened is None or opened.get("found") is not False:
        return ""
    message_id = opened.get("id")
    if language == "ko":
        return f"화면에 열린 메일({message_id})을 찾을 수 없어 무시했습니다.\n"
    return f"The mail open on the page ({message_id}) no longer exists, so I ignored it.\n"


def _read_answer(intent: Intent, results: Results, steps: Sequence[Step], lang: Language) -> str:
    note = _item_note(results, lang)
    messages = [
        r["message"]
        for s in steps
        if s.action == "read" and (r := completed(results, s.id)) and r.get("message")
    ]
    if messages:
        # A sentence of the answer's own before the mail data, so that even a mail written in
        # the other language is introduced in the request's language.
        if intent.kind == "read":
            lead = _lead(
                "메일 내용입니다:", "Here is the mail:", "Here are the mails:", messages, lang
            )
            body = "\n\n".join(f"{w.mail_line(m, lang)}\n\n{m.get('body', '')}" for m in messages)
        else:
            lead = _lead(
                "메일 요약입니다:", "Here is a summary:", "Here are summaries:", messages, lang
            )
            body = "\n\n".join(w.summary_of(m, lang) for m in messages)
        return note + lead + "\n" + body
    find = completed(results, "step-find")
    if find and find.get("items") and intent.kind == "summarise":
        head = "찾은 메일 요약:" if lang == "ko" else "Summary of the mails found:"
        lines = [f"{w.mail_line(m, lang)}\n  • {m.get('snippet', '')}" for m in find["items"]]
        return note + head + "\n" + "\n".join(lines)
    if find is not None:
        return note + _listing(find, lang)
    return note


def _lead(korean: str, one: str, many: str, messages: list[Any], lang: Language) -> str:
    if lang == "ko":
        return korean
    return one if len(messages) == 1 else many


def _action_answer(intent: Intent, results: Results, steps: Sequence[Step], lang: Language) -> str:
    note = _item_note(results, lang)
    action = completed(results, steps[-1].id)
    if action is None:
        nothing = {
            "delete": ("아무것도 삭제하지 않았습니다", "nothing was moved to the trash"),
            "restore": ("아무것도 복구하지 않았습니다", "nothing was restored"),
            "mark": ("아무것도 바꾸지 않았습니다", "nothing was changed"),
        }[intent.kind]
        if lang == "ko":
            return note + f"조건에 맞는 메일이 없어 {nothing[0]}."
        return note + f"No mail matched, so {nothing[1]}."
    messages, count = action.get("messages", []), int(action.get("count", 0))
    # The tool's own sentence when approved mails were already moved (by another run).
    notice = str(action.get("notice") or "")
    if notice and count == 0:
        return note + notice
    if notice:
        note += notice + "\n"
    if intent.kind == "delete":
        head = ("{}를 휴지통으로 이동했습니다:", "Moved {} to the trash:")
    elif intent.kind == "restore":
        head = ("{}를 복구했습니다:", "Restored {}:")
    elif action.get("read"):
        head = ("{}를 읽음으로 표시했습니다:", "Marked {} as read:")
    else:
        head = ("{}를 안 읽음으로 표시했습니다:", "Marked {} as unread:")
    template = head[0] if lang == "ko" else head[1]
    return note + template.format(w.mails(count, lang)) + "\n" + w.bulleted(messages, lang)


def _send_answer(intent: Intent, results: Results, steps: Sequence[Step], lang: Language) -> str:
    sent = completed(results, "step-send")
    if sent is None:
        unresolved = [
            s.item.description
            for s in steps
            if s.action == "search" and not (completed(results, s.id) or {}).get("items")
        ]
        names = ", ".join(intent.recipient_names) if unresolved else ""
        if lang == "ko":
            return (
                f"{names}님의 이메일 주소를 메일함에서 찾지 못해 메일을 보내지 않았습니다. "
                "주소를 알려 주세요."
            )
        return (
            f"I could not find an address for {names} in your mail, so nothing was sent. "
            "Please give me the address."
        )
    to = ", ".join(sent.get("to", []))
    if lang == "ko":
        return f"{to}에게 「{sent.get('subject')}」 메일을 보냈습니다.\n\n{sent.get('body', '')}"
    return f'Sent "{sent.get("subject")}" to {to}.\n\n{sent.get("body", "")}'


def write_answer(intent: Intent, plan: Plan, results: Results, language: Language) -> Answer:
    answer = _answer(intent, plan, results, language)
    note = unparsed_note(intent, language)
    return Answer(note + answer.text, answer.title) if note else answer


def _answer(intent: Intent, plan: Plan, results: Results, language: Language) -> Answer:
    if plan.missing is not None:
        return Answer(missing_text(intent, plan.missing, language), _titles("help", language))
    stopped = _first_stopped(plan.steps, results)
    if stopped is not None:
        step, outcome = stopped
        return Answer(stopped_text(outcome, step.action, language), _titles("stopped", language))
    kind = intent.kind
    if kind in ("list", "search"):
        find = completed(results, "step-find") or {}
        return Answer(_listing(find, language), _titles("list", language))
    if kind in ("read", "summarise"):
        return Answer(_read_answer(intent, results, plan.steps, language), _titles(kind, language))
    if kind == "send":
        return Answer(
            _send_answer(intent, results, plan.steps, language), _titles("send", language)
        )
    return Answer(_action_answer(intent, results, plan.steps, language), _titles(kind, language))


def _first_stopped(steps: Sequence[Step], results: Results) -> tuple[Step, ToolOutcome] | None:
    for step in steps:
        outcome = results.get(step.id)
        if outcome is not None and outcome.status != "completed":
            return step, outcome
    return None


__all__ = ["Answer", "Missing", "write_answer"]
