"""What the planner says when it does not act: a person said no, a tool failed, or the request
lacks something the planner needs, or is not a mail request at all."""

from typing import Any

from aura.agent.language import Language
from aura.agent.llm.base import ToolOutcome
from aura.agent.llm.offline import wording as w
from aura.agent.llm.offline.intents import Intent
from aura.agent.llm.offline.plans import Missing
from aura.agent.llm.offline.toolbox import Action, Toolbox

CAPABILITIES: dict[Language, list[tuple[Action, str]]] = {
    "ko": [
        ("list", "메일 목록 보기 (예: '안 읽은 메일 보여줘', '최근 메일 5개 보여줘')"),
        (
            "search",
            "보낸 사람이나 단어로 찾기 "
            "(예: '김철수에게서 온 메일 찾아줘', \"'예산' 관련 메일 찾아줘\")",
        ),
        ("read", "메일 읽기와 요약 (예: '이 메일 요약해줘', '최근 메일 읽어줘')"),
        ("mark", "읽음 표시 (예: '안 읽은 메일 모두 읽음으로 표시해줘')"),
        (
            "delete",
            "휴지통으로 이동 (예: '메일 3개를 삭제해주세요', '가장 오래된 메일 2개 지워줘')",
        ),
        ("restore", "휴지통에서 복구 (예: '휴지통에서 메일 2개 복구해줘')"),
        (
            "send",
            "메일 보내기 (예: \"kim@example.com에게 '내일 회의는 10시입니다'라고 메일 보내줘\")",
        ),
    ],
    "en": [
        ("list", "list mails (e.g. 'show my unread mails', 'show the 5 newest mails')"),
        (
            "search",
            "search by sender or words (e.g. 'find mails from Kim', 'find mails about the budget')",
        ),
        ("read", "read and summarise (e.g. 'summarize this mail', 'read the newest mail')"),
        ("mark", "mark as read or unread (e.g. 'mark all unread mails as read')"),
        ("delete", "move to the trash (e.g. 'delete the 2 oldest mails from Kim')"),
        ("restore", "restore from the trash (e.g. 'restore 2 mails from the trash')"),
        (
            "send",
            "send a mail (e.g. 'send an email to kim@example.com saying the meeting is at 10')",
        ),
    ],
}
_AFTER_APPROVAL = {"ko": " — 승인 후 실행", "en": " — after approval"}


def _capabilities(language: Language, toolbox: Toolbox) -> str:
    """What the planner can do, each change that waits for a person marked as such (the tool's
    policy, from the registry)."""
    return "\n".join(
        f"- {text}{_AFTER_APPROVAL[language] if toolbox.needs_approval(action) else ''}"
        for action, text in CAPABILITIES[language]
    )


def capabilities_text(language: Language, toolbox: Toolbox) -> str:
    items = _capabilities(language, toolbox)
    if language == "ko":
        return (
            "죄송합니다. 그 요청은 제가 할 수 없는 일입니다. 저는 메일에 관한 일만 합니다. "
            f"제가 할 수 있는 일은 다음과 같습니다:\n{items}"
        )
    return f"Sorry, I can't do that: I only work with your mail. Here is what I can do:\n{items}"


CHANGES = frozenset({"delete", "restore", "mark", "send"})
"""Intents that change mail: they never run on a request only partly understood."""

_CHANGE_GOALS = {
    "delete": ("메일을 휴지통으로 옮기라는", "move mails to the trash"),
    "restore": ("휴지통의 메일을 복구하라는", "restore mails from the trash"),
    "mark": ("메일의 읽음 상태를 바꾸라는", "change mails' read state"),
    "send": ("메일을 보내라는", "send a mail"),
}


def quoted(spans: tuple[str, ...], language: Language) -> str:
    if language == "ko":
        return ", ".join(f"'{span}'" for span in spans)
    return ", ".join(f'"{span}"' for span in spans)


def unparsed_text(intent: Intent, language: Language, toolbox: Toolbox) -> str:
    """A change asked with a qualifier the grammar cannot place: say so, do nothing.

    Dropping the qualifier would widen the action ("delete all mails of alice in tenant acme"
    must not become "delete all mails"), so the request is handed back to be rephrased.
    """
    korean, english = _CHANGE_GOALS.get(intent.kind, ("메일을 처리하라는", "act on mails"))
    items = _capabilities(language, toolbox)
    spans = quoted(intent.unparsed, language)
    if language == "ko":
        return (
            f"{korean} 요청으로 이해했지만 {spans} 부분은 이해하지 못해 아무것도 하지 "
            "않았습니다. 메일을 바꾸는 작업은 요청을 모두 이해했을 때만 실행합니다. "
            f"다시 말씀해 주세요. 제가 할 수 있는 일은 다음과 같습니다:\n{items}"
        )
    return (
        f"I understood that you want me to {english}, but not {spans}, so I did nothing: "
        "I change mail only when I understand the whole request. Please rephrase it. "
        f"Here is what I can do:\n{items}"
    )


def unparsed_note(intent: Intent, language: Language) -> str:
    """For a read-only request: the words left out of the search, said before the results."""
    if not intent.unparsed:
        return ""
    spans = quoted(intent.unparsed, language)
    if language == "ko":
        return f"{spans} 부분은 이해하지 못해 빼고 찾았습니다.\n"
    return f"I did not understand {spans}, so I left it out.\n"


def _action(outcome: ToolOutcome, action: Action, language: Language) -> str:
    arguments: dict[str, Any] = outcome.executed_arguments or outcome.call.arguments
    count = len(arguments.get("ids") or [])
    ko = language == "ko"
    if action == "delete":
        return (
            f"{w.mails(count, language)}를 휴지통으로 옮기는 작업"
            if ko
            else f"moving {w.mails(count, language)} to the trash"
        )
    if action == "send":
        subject = arguments.get("subject")
        return f"「{subject}」 메일 발송" if ko else f'sending the mail "{subject}"'
    if action == "restore":
        return f"{w.mails(count, language)} 복구" if ko else f"restoring {w.mails(count, language)}"
    if action == "mark":
        if ko:
            return f"{w.mails(count, language)}의 읽음 상태 변경"
        state = "read" if arguments.get("read", True) else "unread"
        return f"marking {w.mails(count, language)} as {state}"
    return "메일 조회" if ko else "looking up your mail"


def stopped_text(outcome: ToolOutcome, step_action: Action, language: Language) -> str:
    action = _action(outcome, step_action, language)
    ko = language == "ko"
    if outcome.status == "rejected":
        reason = outcome.reason or ("사유 없음" if ko else "no reason given")
        if ko:
            return f"승인이 거절되어 {w.with_object(action)} 하지 않았습니다. 거절 사유: {reason}"
        return f"The request was rejected, so I did not go ahead with {action}. Reason: {reason}"
    if outcome.status == "expired":
        if ko:
            return f"승인 대기 시간이 지나 {w.with_object(action)} 하지 않았습니다."
        return f"No one approved in time, so I did not go ahead with {action}."
    error = outcome.error or ("알 수 없는 오류" if ko else "unknown error")
    if ko:
        return f"{action} 중 문제가 생겨 완료하지 못했습니다: {error}"
    return f"Something went wrong while {action}: {error}"


_VERBS = {
    "delete": ("삭제할", "move to the trash"),
    "restore": ("복구할", "restore"),
    "mark": ("표시할", "mark"),
    "read": ("읽을", "read"),
    "summarise": ("요약할", "summarise"),
}


def missing_text(intent: Intent, missing: Missing, language: Language) -> str:
    ko = language == "ko"
    if missing == "recipient":
        if ko:
            return (
                "누구에게 보낼지 알려 주세요. "
                "예: \"kim@example.com에게 '회의 자료 보냅니다'라고 메일 보내줘\""
            )
        return (
            "Who should I send it to? For example: 'send an email to kim@example.com saying hello'."
        )
    if missing == "content":
        if ko:
            return (
                "메일에 무엇이라고 쓸지 알려 주세요. "
                "예: \"김철수에게 '내일 뵙겠습니다'라고 메일 보내줘\""
            )
        return (
            "What should the mail say? "
            "For example: 'send an email to kim@example.com saying see you tomorrow'."
        )
    korean, english = _VERBS.get(intent.kind, ("처리할", "act on"))
    # Say what would happen and why it did not: a guess could touch mails the person never meant.
    if ko:
        why = (
            "화면에 열린 메일이 없어 '이 메일'이 어느 메일인지 알 수 없습니다. "
            if intent.deixis == "item"
            else "요청만으로는 어느 메일인지 정할 수 없어 아무것도 하지 않았습니다. "
        )
        return (
            f"{why}어떤 메일을 {korean}지 알려 주세요. 예: '최근 메일 3개', "
            "'김철수에게서 온 메일', '읽은 메일 모두', 또는 화면에서 메일을 선택해 주세요."
        )
    why = (
        'No mail is open on the page, so I cannot tell which mail "this" is. '
        if intent.deixis == "item"
        else "The request does not say which mails, so I did nothing rather than guess. "
    )
    return (
        f"{why}Which mails should I {english}? For example: 'the 3 newest mails', "
        "'mails from Kim', 'all read mails', or select them on the page."
    )
