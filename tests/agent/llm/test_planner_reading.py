"""How the offline planner reads a request: normalising, the letter's parts, second readings."""

import pytest

from aura.agent.llm.offline.intents import parse_request
from aura.agent.llm.offline.letters import read_letter
from aura.agent.llm.offline.normalising import normalise, one_edit


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("최근메일3개삭제해줘", "최근 메일 3개 삭제해줘"),
        ("메일 3개 삭졔해줘", "메일 3개 삭제해줘"),
        ("delte the latest 2 mails", "delete the latest 2 mails"),
        ("snd it", "send it"),
        ("set this email as unread", "set this email as unread"),  # a word, not a typo of "sent"
        ("제일 오래된 메일", "제일 오래된 메일"),  # "제일" is not "메일" one letter off
        ("이지은 (한빛컨설팅) 님께", "이지은님께"),
        ("박지현 씨한테", "박지현님한테"),
        ("send 'delte this' to x@y.com", "send 'delte this' to x@y.com"),  # quotes stay as written
    ],
)
def test_normalising_mends_grammar_words_only(typed: str, read: str):
    assert normalise(typed) == read


def test_one_edit_counts_swaps_as_one():
    assert one_edit("mrak", "mark") and one_edit("delte", "delete") and not one_edit("mark", "mark")
    assert not one_edit("date", "delete")


@pytest.mark.parametrize(
    ("request_text", "subject", "body"),
    [
        ("x@y.com으로 제목: 점심, 내용: 12시 어때요? 메일 보내줘", "점심", "12시 어때요?"),
        (
            "send x@y.com an email titled Offsite, saying it is confirmed",
            "Offsite",
            "it is confirmed",
        ),
        ("write to x@y.com, subject: Q3, message: Please review", "Q3", "Please review"),
        ("x@y.com에게 '확인했습니다' 보내줘", None, "확인했습니다"),
        ("message x@y.com that the build is green", None, "the build is green"),
    ],
)
def test_the_subject_and_body_are_cut_as_written(request_text: str, subject: str, body: str):
    letter = read_letter(request_text)
    assert (letter.subject, letter.body) == (subject, body)


@pytest.mark.parametrize(
    "prompt",
    [
        "send an email to bob@acme.example saying please print the report",
        "email Carol Nguyen saying the weather is nice",
        "박지현님께 '서버 점검합니다'라고 메일 보내줘",
    ],
)
def test_dictated_words_never_make_a_mail_out_of_scope(prompt: str):
    assert parse_request(prompt).kind == "send"


@pytest.mark.parametrize(
    "prompt", ["print this email", "empty the trash", "휴지통 비워줘", "슬랙 메시지 요약해줘"]
)
def test_what_aura_does_not_do_to_mail_is_out_of_scope(prompt: str):
    assert parse_request(prompt).kind == "unknown"


def test_a_qualifier_it_cannot_apply_is_said_back_not_dropped():
    intent = parse_request("delete mails from Carol this week")
    assert intent.kind == "delete" and intent.unparsed == ("this week",)
