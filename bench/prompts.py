"""The words each benchmark run asks in: the same request every time, never the same text twice
in a row.

The offline planner keeps the parse of its last 256 prompts (an LRU keyed by the prompt's text,
`aura.agent.llm.offline.model`): a benchmark that sends one prompt over and over has every run's
first turn served from that cache, which real users, who word their own requests, do not get.
So every run here gets its own text for the same request:

- `send_mail_prompt(serial)`: send one mail (one approval), to an address of its own
  (`<name>.<serial>@example.com`), about one of a few subjects, with the serial in the body:
  no two runs of a process share a prompt (`bench.scenario`, `bench.approvals`).
- `delete_mails_prompt(serial)`: delete 3 mails (one approval), in Korean and English in turn,
  each language's wordings (480 and 2,160) one after another, so that a prompt comes back only
  after 959 others at the soonest, well past the 256 the cache holds (`bench.flows`: the load
  and soak sessions, whose seeded mailboxes have mails to delete, not to send).

`.venv/bin/python -m bench.prompts` checks, with the planner's own parser, that every wording
of a kind reads as the same request as its reference prompt.
"""

import itertools

SEND_MAIL_REFERENCE = "send an email to bench@example.com saying the benchmark says hello"
DELETE_MAILS_REFERENCE = "메일 3개를 삭제해주세요"

_NAMES = ("mina", "jiho", "olivia", "daniel", "seoyeon", "marcus", "hana", "tomas", "priya")
_SUBJECTS = (
    "the quarterly budget",
    "tomorrow's standup",
    "the design review",
    "the release notes",
    "the offsite",
    "the open invoice",
    "the hiring plan",
)
_GREETINGS = ("hello", "good morning", "thanks for today", "a quick update")


def send_mail_prompt(serial: int) -> str:
    """A request to send one mail, its text unique to `serial`."""
    name = _NAMES[serial % len(_NAMES)]
    subject = _SUBJECTS[serial % len(_SUBJECTS)]
    greeting = _GREETINGS[serial % len(_GREETINGS)]
    return (
        f"send an email to {name}.{serial}@example.com about {subject} "
        f"saying {greeting} from the benchmark, run {serial}"
    )


def _english_deletes() -> list[str]:
    leads = ("", "please ", "can you ", "could you ", "hey, ", "ok, ")
    verbs = ("delete", "remove", "trash", "get rid of", "erase", "bin")
    counts = ("3", "three")
    nouns = ("emails", "mails", "messages", "e-mails", "of my emails", "of my mails")
    tails = ("", " please", " for me", " now", ", thanks")
    return [
        f"{lead}{verb} {count} {noun}{tail}"
        for lead, verb, count, noun, tail in itertools.product(leads, verbs, counts, nouns, tails)
    ]


def _korean_deletes() -> list[str]:
    leads = ("", "음, ", "저기 ", "혹시 ")
    nouns = ("메일", "이메일")
    counts = ("3개를", "3개", "세 개를", "세 개", "3통을", "세 통을")
    verbs = (
        "삭제해주세요",
        "삭제해줘",
        "지워줘",
        "지워주세요",
        "삭제해 주세요",
        "지워 주세요",
        "삭제 부탁해요",
        "삭제해줄래?",
        "지워줄래요?",
        "휴지통으로 옮겨줘",
    )
    return [
        f"{lead}{noun} {count} {verb}"
        for lead, noun, count, verb in itertools.product(leads, nouns, counts, verbs)
    ]


_DELETE_BY_LANGUAGE = (_korean_deletes(), _english_deletes())


def delete_mails_prompt(serial: int) -> str:
    """A request to delete 3 mails: Korean for even serials, English for odd ones, each
    language's wordings in turn."""
    wordings = _DELETE_BY_LANGUAGE[serial % 2]
    return wordings[(serial // 2) % len(wordings)]


def check() -> None:
    """Every wording reads, to the planner's parser, as its reference prompt does (apart from
    the slots that carry the run's own words: recipients, subject and body)."""
    from dataclasses import replace

    from aura.agent.llm.offline.intents import Intent, parse_request

    def request(prompt: str) -> Intent:
        return replace(parse_request(prompt), recipients=(), subject=None, body=None)

    kinds = {
        "send a mail": (SEND_MAIL_REFERENCE, [send_mail_prompt(n) for n in range(5000)]),
        "delete 3 mails": (
            DELETE_MAILS_REFERENCE,
            [wording for wordings in _DELETE_BY_LANGUAGE for wording in wordings],
        ),
    }
    failed = False
    for kind, (reference, prompts) in kinds.items():
        wanted = request(reference)
        wrong = [prompt for prompt in prompts if request(prompt) != wanted]
        recipients_ok = kind != "send a mail" or all(
            parse_request(prompt).recipients == (prompt.split()[4],) for prompt in prompts
        )
        print(
            f"{kind}: {len(set(prompts))} distinct prompts of {len(prompts)}; read as "
            f"{wanted.kind!r} like {reference!r}: {len(prompts) - len(wrong)}; "
            f"recipients as written: {recipients_ok}"
        )
        for prompt in wrong[:5]:
            print(f"  differs: {prompt!r}: {parse_request(prompt)}")
        failed = failed or bool(wrong) or not recipients_ok
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    check()
