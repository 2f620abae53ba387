"""The planner's analysis: what it understood, said before it acts."""

from aura.agent.language import Language
from aura.agent.llm.offline.intents import Intent
from aura.agent.llm.offline.plans import Plan
from aura.agent.llm.offline.refusals import CHANGES, quoted

_GOALS = {
    "list": ("메일 목록을 보여 드리려고 합니다", "show a list of mails"),
    "search": ("메일을 찾으려고 합니다", "find mails"),
    "read": ("메일을 읽어 드리려고 합니다", "read a mail to you"),
    "summarise": ("메일을 요약하려고 합니다", "summarise mail"),
    "mark": ("메일의 읽음 상태를 바꾸려고 합니다", "change mails' read state"),
    "delete": ("메일을 휴지통으로 옮기려고 합니다", "move mails to the trash"),
    "restore": ("휴지통의 메일을 복구하려고 합니다", "restore mails from the trash"),
    "send": ("메일을 보내려고 합니다", "send a mail"),
}


def analysis(intent: Intent, plan: Plan, language: Language, gated: frozenset[str]) -> str:
    korean, english = _GOALS.get(intent.kind, ("요청을 살펴봅니다", "look at the request"))
    steps = [step.item.title for step in plan.steps]
    needs_approval = any(step.tool in gated for step in plan.steps)
    if language == "ko":
        text = f"요청 분석: {korean}."
        if steps:
            text += " 단계: " + " → ".join(steps) + "."
        if needs_approval:
            text += " 이 작업은 실행 전에 승인이 필요합니다."
        if intent.unparsed:
            spans = quoted(intent.unparsed, language)
            text += f" 이해하지 못한 부분: {spans}" + (
                " — 메일을 바꾸지 않고 다시 물어봅니다." if intent.kind in CHANGES else "."
            )
        return text
    text = f"Understood: you want me to {english}."
    if steps:
        text += " Steps: " + " → ".join(steps) + "."
    if needs_approval:
        text += " This needs your approval before it runs."
    if intent.unparsed:
        text += f" Not understood: {quoted(intent.unparsed, language)}" + (
            " — I will not change any mail; I will ask you to rephrase."
            if intent.kind in CHANGES
            else "."
        )
    return text
