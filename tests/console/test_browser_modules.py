"""The console's own modules, run in headless Chromium: the SSE parser must give whole events
however the network cuts the bytes (split events, several per chunk, a Korean character cut in
half, `: keep-alive` comments), and the answer renderer must never turn text into HTML."""

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, sync_playwright

from aura.console import STATIC_DIR
from tests.support.console import CHROMIUM_ARGS, chromium_path

pytestmark = pytest.mark.browser

RUN = "run_0123456789abcdef"


def frame(seq: int, kind: str, data: dict[str, Any]) -> str:
    body = json.dumps({"type": kind, "data": data, "timestamp": 1706152860}, ensure_ascii=False)
    return f"id: {RUN}:{seq}\nevent: {kind}\ndata: {body}\n\n"


STREAM = (
    frame(1, "start", {"runId": RUN, "sessionId": "s1", "threadId": "t1", "model": "offline"})
    + ": keep-alive\n\n"
    + frame(
        2, "thought", {"id": "th1", "thoughtType": "analysis", "content": "메일 3개를 찾습니다"}
    )
    + frame(3, "hitl", {"requestId": "req_0123456789abcdef", "params": {"ids": ["m1"]}})
    + ": keep-alive\n\n"
    + frame(4, "content", {"content": "휴지통으로 옮겼습니다 ✓", "chunk": True})
    + "data: [DONE]\n\n"
)

# Feed the stream's UTF-8 bytes to one parser in pieces of `size` bytes; collect every message.
PARSE = """async ([text, size]) => {
  const { SseParser, runEvent, isDone } = await import("/js/sse.js");
  const bytes = new TextEncoder().encode(text);
  const parser = new SseParser();
  const out = [];
  for (let start = 0; start < bytes.length; start += size) {
    for (const message of parser.feed(bytes.slice(start, start + size))) {
      const event = runEvent(message);
      out.push(isDone(message) ? "DONE" : { type: event.type, id: event.id, data: event.data });
    }
  }
  return out;
}"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def static_url() -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(STATIC_DIR))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def page(static_url: str) -> Iterator[Page]:
    if chromium_path() is None:
        pytest.skip("no chromium on this machine (apt-get install chromium, or set AURA_CHROMIUM)")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        # A blank page of the same origin, so that the modules load without the app booting.
        page.route(f"{static_url}/blank", lambda route: route.fulfill(body="<!doctype html>"))
        page.goto(f"{static_url}/blank")
        yield page
        browser.close()


def test_a_whole_stream_in_one_chunk(page: Page) -> None:
    events = page.evaluate(PARSE, [STREAM, len(STREAM.encode())])
    assert [e if e == "DONE" else e["type"] for e in events] == [
        "start",
        "thought",
        "hitl",
        "content",
        "DONE",
    ]
    assert events[2]["id"] == f"{RUN}:3"
    assert events[2]["data"]["requestId"] == "req_0123456789abcdef"


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 64])
def test_events_split_anywhere_come_out_whole_and_in_order(page: Page, size: int) -> None:
    whole = page.evaluate(PARSE, [STREAM, len(STREAM.encode())])
    assert page.evaluate(PARSE, [STREAM, size]) == whole
    assert whole[1]["data"]["content"] == "메일 3개를 찾습니다"
    assert whole[3]["data"]["content"] == "휴지통으로 옮겼습니다 ✓"


def test_crlf_line_endings_split_between_chunks(page: Page) -> None:
    text = STREAM.replace("\n", "\r\n")
    for size in (1, 4, 9):
        events = page.evaluate(PARSE, [text, size])
        assert [e if e == "DONE" else e["type"] for e in events][-2:] == ["content", "DONE"]
        assert len(events) == 5


def test_older_event_names_are_read_as_the_canonical_ones(page: Page) -> None:
    text = 'data: {"type":"approval_required","requestId":"req_1"}\n\n'
    (event,) = page.evaluate(PARSE, [text, 5])
    assert event["type"] == "hitl" and event["data"]["requestId"] == "req_1"


def test_the_answer_renderer_keeps_markup_as_text(page: Page) -> None:
    result = page.evaluate(
        """async (text) => {
          const { renderMarkdown } = await import("/js/markdown.js");
          const box = document.createElement("div");
          box.append(...renderMarkdown(text));
          return {
            html: box.innerHTML,
            text: box.textContent,
            items: box.querySelectorAll("li").length,
            bold: box.querySelectorAll("strong").length,
          };
        }""",
        "메일 **2개**를 옮겼습니다:\n- <img src=x onerror=alert(1)>\n- 「주간 보고」",
    )
    assert "<img" not in result["html"]
    assert "<img src=x onerror=alert(1)>" in result["text"]
    assert result["items"] == 2 and result["bold"] == 1


def test_plan_text_names_mails_by_subject_not_by_id(page: Page) -> None:
    shown = page.evaluate(
        """async () => {
          const { rememberMails, withSubjects } = await import("/js/mail_names.js");
          rememberMails([{ id: "msg-c6410f2e9a1b3d57", subject: "주간 보고" }]);
          return [
            withSubjects("메일 msg-c641…의 본문을 엽니다"),
            withSubjects("Open msg-c6410f2e9a1b3d57"),
            withSubjects("메일 msg-ffffff…는 모릅니다"),
          ];
        }"""
    )
    assert shown == [
        "메일 “주간 보고”의 본문을 엽니다",
        "Open “주간 보고”",
        "메일 msg-ffffff…는 모릅니다",
    ]


def test_text_from_elsewhere_is_marked_with_its_own_language(page: Page) -> None:
    langs = page.evaluate(
        """async () => {
          const { contentLang } = await import("/js/i18n.js");
          return ["메일 3개를 삭제해주세요", "Weekly sync", ""].map(contentLang);
        }"""
    )
    assert langs == ["ko", "en", "en"]


# Feed events to one RunView (English UI) and report what the person would see.
RUN_VIEW = """async (events) => {
  localStorage.setItem("aura.language", "en");
  const { RunView } = await import("/js/run_view.js?" + Math.random());
  const gateway = { login: { userId: "u1" }, request: async () => ({}), nameOf: async (id) => id };
  const view = new RunView({ prompt: "메일 3개를 삭제해주세요" }, { gateway, onMailChanged() {} });
  document.body.replaceChildren(view.element);
  for (const [type, data] of events) view.handle({ type, data });
  const all = (selector) => [...view.element.querySelectorAll(selector)];
  return {
    tools: all(".tool").map((t) => [t.dataset.status, t.querySelector(".tool-result").innerText]),
    steps: all(".step").map((s) => s.dataset.status),
    phases: all(".phase:not([hidden])").map((p) => p.dataset.status),
    card: all(".approval")
      .map((c) => [c.dataset.status, c.querySelector(".approval-status").innerText]),
  };
}"""

MAILS = [{"id": "m1", "subject": "주간 보고", "from": "kim@corp.example"}]
HITL = {
    "requestId": "req_0123456789abcdef",
    "actionType": "delete_messages",
    "params": {"ids": ["m1"]},
    "preview": MAILS,
    "expiresAt": 4102444800,
}


def test_the_new_tool_call_events_are_shown_as_what_they_mean(page: Page) -> None:
    seen = page.evaluate(
        RUN_VIEW,
        [
            ["tool_call_start", {"id": "c1", "tool": "list_messages", "params": {}}],
            [
                "tool_execution",
                {
                    "id": "c1",
                    "tool": "list_messages",
                    "status": "completed",
                    "result": {"messages": MAILS},
                },
            ],
            ["hitl", HITL],
            [
                "tool_call_cancelled",
                {
                    "id": "c2",
                    "tool": "delete_messages",
                    "params": {"ids": ["m1"]},
                    "cause": "rejected",
                    "reason": "보관해야 합니다",
                },
            ],
            ["end", {"status": "rejected"}],
        ],
    )
    assert seen["tools"][0][0] == "completed"
    found = seen["tools"][0][1]
    assert found.startswith("Found 1 mail:") and "주간 보고 · kim@corp.example" in found
    assert "{" not in found
    status, shown = seen["tools"][1]
    assert status == "cancelled"
    assert shown.startswith("Not done: the request was rejected (보관해야 합니다).")
    assert [status for status, _ in seen["card"]] == ["rejected"]


def test_the_older_statuses_still_read_and_a_failure_leaves_nothing_in_progress(
    page: Page,
) -> None:
    seen = page.evaluate(
        RUN_VIEW,
        [
            ["timeline_step_update", {"id": "execution", "status": "processing"}],
            ["plan_step", {"id": "s1", "title": "메일 찾기", "order": 0, "status": "pending"}],
            ["plan_step", {"id": "s2", "title": "휴지통으로", "order": 1, "status": "pending"}],
            ["plan_step_update", {"id": "s1", "status": "executing"}],
            ["tool_execution", {"id": "c1", "tool": "list_messages", "status": "executing"}],
            ["hitl", HITL],
            ["error", {"message": "The agent stopped."}],
            ["end", {"status": "failed"}],
        ],
    )
    assert seen["tools"][0][0] == "cancelled"
    assert seen["steps"] == ["stopped", "stopped"]
    assert seen["phases"] == ["stopped"]
    # The card says what became of the request instead of a bare "Closed".
    assert seen["card"] == [
        [
            "closed",
            "Aura stopped before this was carried out. "
            "Check “My requests” to see what became of it.",
        ]
    ]


def test_an_approval_the_run_does_not_follow_up_is_explained_on_the_card(page: Page) -> None:
    status = page.evaluate(
        """async (hitl) => {
          localStorage.setItem("aura.language", "en");
          const { RunView } = await import("/js/run_view.js?" + Math.random());
          const gateway = {
            login: { userId: "u1" },
            approve: async () => ({ data: { status: "approved" }, status: 200 }),
          };
          const view = new RunView({ prompt: "delete" }, { gateway, slowAfterMs: 50 });
          document.body.replaceChildren(view.element);
          view.handle({ type: "hitl", data: hitl });
          view.element.querySelector("button.approve").click();
          const status = view.element.querySelector(".approval-status");
          // The agent never answers: the card must say so rather than sit on "Approved".
          for (let i = 0; i < 100 && !status.innerText.includes("not gone on"); i++) {
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          return status.innerText;
        }""",
        HITL,
    )
    assert status.startswith("Approved, but Aura has not gone on yet.")


def test_a_delete_of_mails_already_in_the_trash_says_so(page: Page) -> None:
    result = {
        "folder": "trash",
        "count": 0,
        "messages": MAILS,
        "alreadyInTrash": 1,
        "notice": "This mail was already in the trash (moved there before this approval ran), "
        "so nothing was moved.",
    }
    seen = page.evaluate(
        RUN_VIEW,
        [
            ["tool_call_start", {"id": "c1", "tool": "delete_messages", "params": {"ids": ["m1"]}}],
            [
                "tool_execution",
                {"id": "c1", "tool": "delete_messages", "status": "completed", "result": result},
            ],
            ["end", {"status": "completed"}],
        ],
    )
    status, shown = seen["tools"][0]
    assert status == "completed"
    assert "already in the trash" in shown and "Moved" not in shown
