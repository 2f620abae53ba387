"""Summaries of a mail: the informative sentences of its body, never its greeting or sign-off."""

from aura.agent.llm.offline.summaries import key_sentences
from aura.agent.llm.offline.wording import with_object
from tests.agent.llm.fabricated_mail import FabricatedMailbox, demo_mails, drive, mail

ENGLISH_BODY = (
    "Hi 김민준,\n\nAttached is the draft Q3 report for Phoenix. Revenue is up 12% on the previous "
    "quarter; the cost breakdown is on page 2.\nCould you send your comments by Friday? I will "
    "fold them into the final version.\n\nBest,\nJane Lee"
)
KOREAN_BODY = (
    "김민준님 안녕하세요,\n\n이번 주 Phoenix 주간 회의를 목요일 14:00에 3층 대회의실에서 "
    "진행합니다. 안건은 진행 현황 공유와 다음 마일스톤 일정 조율입니다.\n"
    "참석이 어려우시면 회신 부탁드립니다.\n\n감사합니다.\n김철수 드림"
)


def test_greeting_and_sign_off_are_left_out():
    picked = key_sentences(ENGLISH_BODY)
    assert picked == [
        "Attached is the draft Q3 report for Phoenix.",
        "Revenue is up 12% on the previous quarter; the cost breakdown is on page 2.",
        "Could you send your comments by Friday?",
    ]
    assert all(sentence in ENGLISH_BODY for sentence in picked), "extractive: nothing invented"


def test_korean_greeting_and_signature_are_left_out():
    picked = key_sentences(KOREAN_BODY)
    assert picked[0].startswith("이번 주 Phoenix 주간 회의를 목요일 14:00에")
    assert "참석이 어려우시면 회신 부탁드립니다." in picked
    assert not any("안녕하세요" in s or "감사합니다" in s or "드림" in s for s in picked)


def test_a_long_mail_keeps_its_lead_and_its_facts_and_asks():
    body = (
        "Hello,\n\nWe have moved to the new office. The coffee machine is on floor 2. "
        "The kitchen is shared. Please return your old badge by March 3. Parking is free.\n\n"
        "Thanks,\nFacilities"
    )
    assert key_sentences(body) == [
        "We have moved to the new office.",
        "The coffee machine is on floor 2.",
        "Please return your old badge by March 3.",
    ]


def test_a_body_that_is_only_a_greeting_is_still_summarised():
    assert key_sentences("Hi Jane,") == ["Hi Jane,"]


async def test_summary_of_the_newest_mail_starts_with_its_content():
    mails = demo_mails()
    mails[0] = mail("m1", "Jane Lee <jane@corp.example>", "Q3 report", 21, body=ENGLISH_BODY)
    run = await drive("summarize the newest mail", mailbox=FabricatedMailbox(mails))
    lines = run.answer.splitlines()
    assert lines[0] == "Here is a summary:"
    assert lines[1].startswith('"Q3 report" — Jane Lee')
    assert lines[2] == "  • Attached is the draft Q3 report for Phoenix."
    assert "Hi 김민준" not in run.answer and "Best," not in run.answer


async def test_summary_of_the_open_mail_in_korean():
    mails = demo_mails()
    mails[1] = mail("m2", "김철수 <kim@corp.example>", "주간 회의", 19, body=KOREAN_BODY)
    run = await drive("이 메일 요약해줘", {"itemId": "m2"}, mailbox=FabricatedMailbox(mails))
    assert run.answer.splitlines()[0] == "메일 요약입니다:"
    assert run.answer.splitlines()[2].startswith("  • 이번 주 Phoenix 주간 회의를")
    assert "김민준님 안녕하세요" not in run.answer and "드림" not in run.answer


def test_object_particle_follows_the_final_consonant():
    assert with_object("작업") == "작업을"
    assert with_object("메일 조회") == "메일 조회를"
    assert with_object("ABC") == "ABC 것을"
