"""The few sentences the runtime itself says, in the prompt's language.

Everything about the task itself is said by the model from the tool results; these are only the
names of the phases and the runtime's own failure messages.
"""

from typing import Literal

from aura.agent.language import Language
from aura.agent.runtime.state import Phase

PHASE_TITLES: dict[Phase, dict[Language, str]] = {
    "analysis": {"ko": "요청 분석", "en": "Analysis"},
    "planning": {"ko": "실행 계획", "en": "Planning"},
    "execution": {"ko": "실행", "en": "Execution"},
    "verification": {"ko": "결과 확인", "en": "Verification"},
}

ANSWER_TITLE: dict[Language, str] = {"ko": "답변", "en": "Answer"}

MessageKey = Literal[
    "approval_timeout",
    "interrupted",
    "rejected_without_reason",
    "approval_mismatch",
    "approval_unverified",
    "approval_lost",
    "unknown_tool",
    "bad_arguments",
    "tool_crashed",
    "no_answer",
    "too_many_turns",
    "store_unavailable",
    "internal",
]

MESSAGES: dict[MessageKey, dict[Language, str]] = {
    "approval_timeout": {
        "ko": "승인 대기 시간이 지나 요청이 만료되었습니다. 작업은 실행되지 않았습니다.",
        "en": "No decision arrived in time; the request expired and the action was not run.",
    },
    "interrupted": {
        "ko": "Aura 프로세스가 작업 도중 멈췄고, 이 단계는 다시 실행하면 안전하지 않아 "
        "실행을 끝냈습니다. 요청을 다시 보내 주세요.",
        "en": "The Aura process stopped in the middle of a step that is not safe to repeat, so "
        "the run was ended. Please send the request again.",
    },
    "rejected_without_reason": {
        "ko": "사용자가 거절했습니다.",
        "en": "The person declined it.",
    },
    "approval_mismatch": {
        "ko": "승인된 내용과 실행하려는 내용이 달라 작업을 실행하지 않았습니다.",
        "en": "What was about to run differs from what was approved, so it was not run.",
    },
    "approval_unverified": {
        "ko": "승인 기록의 서명을 확인할 수 없어(승인 API를 거치지 않고 바뀐 기록) 작업을 실행하지 "
        "않았습니다.",
        "en": "The approval could not be verified (its record was changed outside the approval "
        "API), so nothing was run.",
    },
    "approval_lost": {
        "ko": "승인 요청 기록을 찾을 수 없어 작업을 중단했습니다.",
        "en": "The approval request record is gone, so the run stopped.",
    },
    "unknown_tool": {
        "ko": "요청된 도구를 찾을 수 없습니다.",
        "en": "The model asked for a tool that does not exist.",
    },
    "bad_arguments": {
        "ko": "도구 인자가 올바르지 않습니다.",
        "en": "The tool's arguments are not valid.",
    },
    "tool_crashed": {
        "ko": "도구 실행 중 오류가 발생했습니다.",
        "en": "The tool failed unexpectedly.",
    },
    "no_answer": {
        "ko": "모델이 답변도 도구 호출도 돌려주지 않았습니다.",
        "en": "The model returned neither an answer nor a tool call.",
    },
    "too_many_turns": {
        "ko": "모델이 정해진 단계 수 안에 답하지 못했습니다.",
        "en": "The model did not reach an answer within the allowed number of steps.",
    },
    "store_unavailable": {
        "ko": "저장소(Redis)에 연결할 수 없어 실행을 중단했습니다.",
        "en": "The run stopped because Redis could not be reached.",
    },
    "internal": {
        "ko": "내부 오류로 실행이 중단되었습니다.",
        "en": "The run stopped because of an internal error.",
    },
}


def say(key: MessageKey, language: Language) -> str:
    return MESSAGES[key][language]


def rejection_answer(rejected: list[tuple[str, str | None]], language: Language) -> str:
    """The answer the runtime writes when the model, after a rejection, asks for more actions
    instead of answering: each rejected action with the reason given, and that nothing ran."""
    lines = []
    for action, reason in rejected:
        if language == "ko":
            because = f" (사유: {reason})" if reason else ""
            lines.append(f"{action} 작업은 거절되어 실행하지 않았습니다{because}.")
        else:
            because = f" (reason: {reason})" if reason else ""
            lines.append(f"{action} was rejected and not run{because}.")
    lines.append(
        "거절 이후에는 다른 작업을 실행하지 않았습니다."
        if language == "ko"
        else "No other action was run after the rejection."
    )
    return " ".join(lines)
