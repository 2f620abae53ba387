"""The offline planner's answers: written from the tool results, in the prompt's language."""

from aura.agent.llm.language import detect_language
from tests.agent.llm.fabricated_mail import FabricatedMailbox, drive, mail


def is_korean(text: str) -> bool:
    return detect_language(text) == "ko"


async def test_delete_answer_names_what_was_moved_in_korean():
    run = await drive("메일 3개를 삭제해주세요")
    assert run.answer.startswith("메일 3개를 휴지통으로 이동했습니다")
    for subject in ("분기 보고서 검토 요청", "Budget review meeting", "점심 약속"):
        assert subject in run.answer
    assert "박영희 <park@corp.example>" in run.answer
    assert len(run.deltas) > 1 and "".join(run.deltas) == run.answer
    assert run.title == "휴지통으로 이동한 메일"


async def test_answer_follows_the_results_not_a_fixed_sentence():
    mailbox = FabricatedMailbox(
        [mail("x1", "Dana <dana@x.example>", "Quarterly OKR draft", 9),
         mail("x2", "Eli <eli@x.example>", "Parking permit", 8)]
    )  # fmt: skip
    run = await drive("delete 2 mails", mailbox=mailbox)
    assert run.answer.startswith("Moved 2 mails to the trash:")
    assert "Quarterly OKR draft" in run.answer and "Eli <eli@x.example>" in run.answer
    assert "분기" not in run.answer and not is_korean(run.answer)


async def test_listing_answer_counts_and_lists_the_results():
    run = await drive("show my unread emails")
    assert run.answer.startswith("3 matching mails in all")
    assert "Budget review meeting" in run.answer and "(unread)" in run.answer
    assert "점심 약속" not in run.answer  # read, so not listed


async def test_empty_result_says_nothing_was_done():
    run = await drive("김철수에게서 온 메일 삭제해줘", mailbox=FabricatedMailbox([]))
    assert [c.name for c in run.calls] == ["search_messages"]
    assert run.answer == "조건에 맞는 메일이 없어 아무것도 삭제하지 않았습니다."


async def test_summary_is_taken_from_the_body():
    run = await drive("summarize this mail", {"itemId": "m1"})
    assert run.answer.startswith('"분기 보고서 검토 요청" — ')  # English quoting, not 「」
    assert "금요일까지 검토 부탁드립니다." in run.answer
    assert "김철수 <kim@corp.example>" in run.answer


async def test_missing_page_item_is_ignored_with_a_note():
    run = await drive("이 메일 요약해줘", {"itemId": "msg-gone"})
    assert run.answer.startswith("화면에 열린 메일(msg-gone)을 찾을 수 없어 무시했습니다.")
    assert "분기 보고서 검토 요청" in run.answer  # the newest mail, summarised instead


async def test_missing_page_item_is_not_deleted_and_nothing_else_is():
    run = await drive("delete this mail", {"itemId": "msg-gone"})
    assert [c.name for c in run.calls] == ["read_message"]
    assert "(msg-gone) no longer exists" in run.answer
    assert "nothing was moved to the trash" in run.answer


async def test_rejection_says_what_was_not_done_and_why():
    run = await drive(
        "메일 3개를 삭제해주세요", stop={"delete_messages": ("rejected", "중요한 메일입니다")}
    )
    assert run.answer == (
        "승인이 거절되어 메일 3개를 휴지통으로 옮기는 작업을(를) 하지 않았습니다. "
        "거절 사유: 중요한 메일입니다"
    )


async def test_rejection_in_english():
    run = await drive(
        "send an email to x@y.com saying hi", stop={"send_message": ("rejected", "wrong person")}
    )
    assert run.answer == (
        'The request was rejected, so I did not go ahead with sending the mail "hi". '
        "Reason: wrong person"
    )


async def test_expiry_and_failure_are_reported():
    expired = await drive("delete 2 mails", stop={"delete_messages": ("expired", "")})
    assert expired.answer == (
        "No one approved in time, so I did not go ahead with moving 2 mails to the trash."
    )
    failed = await drive(
        "안 읽은 메일 보여줘", stop={"list_messages": ("failed", "The mail service is down.")}
    )
    assert (
        failed.answer == "메일 조회 중 문제가 생겨 완료하지 못했습니다: The mail service is down."
    )
    assert len(failed.calls) == 1


async def test_send_answer_names_recipient_and_subject():
    run = await drive("김철수에게 '내일 회의는 취소입니다'라고 메일 보내줘")
    assert run.answer.startswith(
        "kim@corp.example에게 「내일 회의는 취소입니다」 메일을 보냈습니다."
    )


async def test_unknown_recipient_is_asked_for():
    run = await drive("이순신에게 '안녕하세요'라고 메일 보내줘")
    assert "이순신님의 이메일 주소를 메일함에서 찾지 못해" in run.answer


async def test_unknown_intent_says_so_and_lists_capabilities():
    korean = await drive("오늘 날씨 어때?")
    assert korean.answer.startswith("죄송합니다. 요청을 이해하지 못했습니다.")
    assert "메일 3개를 삭제해주세요" in korean.answer and "메일 보내기" in korean.answer
    english = await drive("tell me a joke")
    assert english.answer.startswith("Sorry, I did not understand that request.")
    assert "move to the trash" in english.answer and not english.calls


async def test_missing_target_asks_which_mails():
    run = await drive("메일 삭제해줘")
    assert run.answer.startswith("어떤 메일을 삭제할지 알려 주세요.")
    assert not run.calls
