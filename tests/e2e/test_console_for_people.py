"""Issue 14: the web console as an office worker meets it, in headless Chromium against the whole
system: one UI language (Korean or English) for every string, date and default reason; a greeting
with examples; an editor that agrees with the checkboxes and offers no widening edit; a phone
layout whose decision buttons are in view; failures shown next to the control; "My requests" and
re-attaching after logging in again; and WCAG 2.2 AA checks: axe-core (from the
axe-playwright-python package, never downloaded at test time) with no serious or critical
violation, a skip link, and the reject path from the keyboard alone.
"""

import re
from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.support.console import (
    APPROVER,
    DEMO_PASSWORD,
    LAPTOP_VIEWPORT,
    PHONE_VIEWPORT,
    REQUESTER,
    WAIT_MS,
    DemoUser,
    MailApi,
    ask_for_deletion,
    browser,
    card_ids,
    log_in,
    mail,
    new_page,
    playwright,
    screenshot_path,
    wait_for_end,
)

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
__all__ = ["browser", "mail", "new_page", "playwright"]

AXE_SCRIPT = resources.files("axe_playwright_python").joinpath("axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical WCAG 2.2 A/AA violations on the page as it is now."""
    page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
            "summary": v["nodes"][0].get("failureSummary", "") if v["nodes"] else "",
        }
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_the_console_speaks_korean_from_the_browser_and_remembers_a_switch(
    new_page: Callable[..., Page],
) -> None:
    page = new_page(locale="ko-KR")
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_label("비밀번호")).to_be_visible()
    expect(page.get_by_role("button", name="로그인")).to_be_visible()
    page.locator("#login-language").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    # Remembered: the next visit in this browser is in English although the browser says ko.
    page.goto("/")
    expect(page.get_by_role("button", name="Log in")).to_be_visible()


def test_in_korean_every_part_of_the_card_is_korean(
    new_page: Callable[..., Page], mail: Callable[[DemoUser], MailApi]
) -> None:
    api = mail(REQUESTER)
    page = new_page(locale="ko-KR")
    log_in(page, REQUESTER)
    card = ask_for_deletion(page)
    ids = card_ids(card)
    try:
        expect(card.locator("h3")).to_have_text("메일 3개를 휴지통으로 이동")
        expect(card.locator(".undo-note")).to_contain_text("되돌릴 수 있습니다")
        expect(card.get_by_role("button", name="승인", exact=True)).to_be_visible()
        card.locator(".mail-choice input").nth(0).uncheck()
        expect(card.locator("h3")).to_have_text("메일 2개를 휴지통으로 이동")
        expect(card.locator(".approval-message")).to_contain_text("3개 중 2개")
        expect(card.get_by_role("button", name="3개 중 2개 승인")).to_be_visible()
        # Dates follow the UI language, not the browser's or the server's.
        expect(card.locator(".mail-date").first).to_contain_text("월")
        page.screenshot(path=screenshot_path("card-ko-desktop"))
        card.get_by_role("button", name="거절").click()
        wait_for_end(page, "rejected")
        expect(card.locator(".approval-status")).to_contain_text("거절했습니다")
    finally:
        api.restore(ids)


def test_an_english_rejection_without_a_reason_stays_english(
    new_page: Callable[..., Page], mail: Callable[[DemoUser], MailApi]
) -> None:
    api = mail(REQUESTER)
    page = new_page(locale="en-US")
    log_in(page, REQUESTER)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    card = ask_for_deletion(page)
    ids = card_ids(card)
    try:
        page.screenshot(path=screenshot_path("card-en-desktop"))
        card.get_by_role("button", name="Reject").click()
        wait_for_end(page, "rejected")
        turn = page.locator("#conversation .turn").last
        expect(turn.locator(".tool[data-status=cancelled]")).to_contain_text(
            "Declined without a reason"
        )
        expect(turn).not_to_contain_text("사용자 거절")
        expect(turn.locator(".run-status")).to_contain_text("nothing was changed")
        # Aura's own words keep their language and say so to screen readers.
        expect(turn.locator(".prompt-bubble")).to_have_attribute("lang", "ko")
    finally:
        api.restore(ids)


def test_a_greeting_offers_examples_that_fill_the_prompt(new_page: Callable[..., Page]) -> None:
    page = new_page()
    log_in(page, REQUESTER)
    greeting = page.locator("#conversation .greeting")
    expect(greeting).to_contain_text("Hello 박지호")
    examples = greeting.locator("button.example")
    expect(examples).to_have_count(4)
    examples.first.click()
    expect(page.locator("#prompt")).to_have_value("Show my unread mails")
    expect(page.locator("#prompt")).to_be_focused()


def test_the_editor_agrees_with_the_checkboxes_and_refuses_mails_not_shown(
    new_page: Callable[..., Page], mail: Callable[[DemoUser], MailApi]
) -> None:
    api = mail(REQUESTER)
    page = new_page()
    log_in(page, REQUESTER)
    card = ask_for_deletion(page)
    ids = card_ids(card)
    try:
        card.locator(".card-details > summary").click()
        card.get_by_role("button", name="Edit parameters").click()
        editor = card.get_by_label("Parameters to run (JSON)")
        boxes = card.locator(".mail-choice input")
        # Edited JSON ticks the boxes…
        editor.fill(f'{{"ids": ["{ids[2]}"]}}')
        expect(boxes.nth(0)).not_to_be_checked()
        expect(boxes.nth(2)).to_be_checked()
        expect(card.get_by_role("button", name="Approve 1 of 3")).to_be_enabled()
        expect(card.locator("h3")).to_have_text("Move 1 mail to Trash")
        # …and the boxes rewrite the JSON.
        boxes.nth(0).check()
        assert ids[0] in editor.input_value() and ids[1] not in editor.input_value()
        # A mail the preview did not show is never offered: one error, Approve disabled.
        editor.fill('{"ids": ["msg-0000000000000000"]}')
        expect(card.locator(".form-error")).to_have_text(
            "msg-0000000000000000 is not one of the mails shown above; only those can be included."
        )
        expect(card.get_by_role("button", name=re.compile("^Approve"))).to_be_disabled()
        expect(card.locator(".approval-status")).to_be_empty()
        expect(card.get_by_text("msg-0000000000000000 is not one")).to_have_count(1)
        editor.fill(f'{{"ids": ["{ids[0]}"], "folder": "sent"}}')
        expect(card.locator(".form-error")).to_contain_text("“folder” must stay as it is")
        editor.fill(f'{{"ids": ["{ids[1]}"]}}')
        card.get_by_role("button", name="Approve 1 of 3").click()
        wait_for_end(page, "completed")
        assert [api.folder_of(i) for i in ids] == ["inbox", "trash", "inbox"]
    finally:
        api.restore(ids)


def test_on_a_phone_the_decision_is_in_view_without_scrolling(
    new_page: Callable[..., Page], mail: Callable[[DemoUser], MailApi]
) -> None:
    api = mail(REQUESTER)
    for locale, name in (("en-US", "en"), ("ko-KR", "ko")):
        page = new_page(locale=locale, viewport=PHONE_VIEWPORT)
        log_in_on_phone(page, REQUESTER)
        card = ask_for_deletion(page)
        ids = card_ids(card)
        try:
            # The mailbox gives the whole screen to the assistant and its card.
            expect(page.locator(".mailbox")).to_be_hidden()
            approve = card.locator("button.approve")
            reject = card.locator("button.reject")
            for button in (approve, reject):
                box = button.bounding_box()
                assert box is not None
                assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE_VIEWPORT["height"]
            page.screenshot(path=screenshot_path(f"card-{name}-phone"))
            approve.click()
            wait_for_end(page, "completed")
        finally:
            api.restore(ids)


def log_in_on_phone(page: Page, user: DemoUser) -> None:
    page.goto("/")
    page.locator("#login-tenant").fill(user.tenant)
    page.locator("#login-username").fill(user.username)
    page.locator("#login-password").fill(DEMO_PASSWORD)
    page.locator("#login-password").press("Enter")
    expect(page.locator("#prompt")).to_be_visible(timeout=WAIT_MS)


def test_approving_offline_says_so_next_to_the_button_and_can_be_retried(
    new_page: Callable[..., Page], mail: Callable[[DemoUser], MailApi]
) -> None:
    api = mail(REQUESTER)
    page = new_page()
    log_in(page, REQUESTER)
    card = ask_for_deletion(page)
    ids = card_ids(card)
    try:
        page.context.set_offline(True)
        card.get_by_role("button", name="Approve", exact=True).click()
        status = card.locator(".actions .approval-status")
        expect(status).to_contain_text("cannot be reached right now")
        expect(status).to_contain_text("try again")
        page.context.set_offline(False)
        expect(card.get_by_role("button", name="Approve", exact=True)).to_be_enabled()
        card.get_by_role("button", name="Approve", exact=True).click()
        wait_for_end(page, "completed")
        assert [api.folder_of(i) for i in ids] == ["trash"] * 3
    finally:
        page.context.set_offline(False)
        api.restore(ids)


def test_after_logging_in_again_the_waiting_request_is_found_and_decided(
    new_page: Callable[..., Page], mail: Callable[[DemoUser], MailApi]
) -> None:
    api = mail(REQUESTER)
    first = new_page()
    log_in(first, REQUESTER)
    card = ask_for_deletion(first)
    ids = card_ids(card)
    request_id = card.get_attribute("data-request-id")
    try:
        first.context.close()
        # A new browser session (as after an expired login): nothing in sessionStorage.
        page = new_page()
        log_in(page, REQUESTER)
        again = page.locator(f"#conversation .approval[data-request-id='{request_id}']")
        expect(again).to_be_visible(timeout=WAIT_MS)
        mine = page.locator("#mine")
        expect(mine.locator("#mine-count")).to_have_text("1 waiting")
        mine.locator("summary").click()
        expect(mine.locator(f".my-request[data-request-id='{request_id}']")).to_contain_text(
            "Move 3 mails to Trash"
        )
        again.get_by_role("button", name="Approve", exact=True).click()
        wait_for_end(page, "completed")
        assert [api.folder_of(i) for i in ids] == ["trash"] * 3
        item = mine.locator(f".my-request[data-request-id='{request_id}']")
        expect(item).to_have_attribute("data-status", "approved", timeout=WAIT_MS)
        expect(item).to_contain_text("approved by you")
    finally:
        api.restore(ids)


def test_rejecting_from_the_keyboard_alone(
    new_page: Callable[..., Page], mail: Callable[[DemoUser], MailApi]
) -> None:
    api = mail(REQUESTER)
    page = new_page()
    log_in(page, REQUESTER)
    # The skip link is the page's first stop and takes the focus to the prompt.
    first = page.evaluate(
        """() => [...document.querySelectorAll("a[href], button, input, select, textarea")]
                 .find((e) => e.offsetParent !== null || e.id === "skip-link").id"""
    )
    assert first == "skip-link"
    page.locator("#skip-link").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#prompt")).to_be_focused()
    page.keyboard.type("메일 3개를 삭제해주세요")
    page.keyboard.press("Enter")
    card = page.locator("#conversation .approval").last
    expect(card.locator("h3")).to_be_focused(timeout=WAIT_MS)
    ids = card_ids(card)
    try:
        for _ in range(6):  # three mails, "Details", Approve, the reason
            page.keyboard.press("Tab")
        expect(card.get_by_label("Reason (optional)")).to_be_focused()
        page.keyboard.type("keep them")
        page.keyboard.press("Tab")
        expect(card.get_by_role("button", name="Reject")).to_be_focused()
        page.keyboard.press("Enter")
        expect(card.locator(".approval-status")).to_be_focused()
        wait_for_end(page, "rejected")
        expect(page.locator("#announcer")).not_to_be_empty()
        assert [api.folder_of(i) for i in ids] == ["inbox"] * 3
    finally:
        api.restore(ids)


@pytest.mark.parametrize("viewport", ["laptop", "phone"])
def test_axe_finds_no_serious_violation(
    new_page: Callable[..., Page], mail: Callable[[DemoUser], MailApi], viewport: str
) -> None:
    api = mail(REQUESTER)
    size = PHONE_VIEWPORT if viewport == "phone" else LAPTOP_VIEWPORT
    page = new_page(viewport=size)
    page.goto("/")
    expect(page.locator("#login-form")).to_be_visible()
    assert axe_violations(page) == []
    log_in_on_phone(page, REQUESTER)
    card = ask_for_deletion(page)
    ids = card_ids(card)
    try:
        assert axe_violations(page) == []
        card.get_by_role("button", name="Approve", exact=True).click()
        wait_for_end(page, "completed")
        assert axe_violations(page) == []
    finally:
        api.restore(ids)


def test_axe_finds_no_serious_violation_in_the_approvers_view(
    new_page: Callable[..., Page], mail: Callable[[DemoUser], MailApi]
) -> None:
    api = mail(REQUESTER)
    requester = new_page()
    log_in(requester, REQUESTER)
    ids = card_ids(ask_for_deletion(requester))
    try:
        approver = new_page(locale="ko-KR")
        log_in(approver, APPROVER)
        expect(approver.locator("#pending .approval")).not_to_have_count(0, timeout=WAIT_MS)
        assert axe_violations(approver) == []
        requester.get_by_role("button", name="Stop").click()
        wait_for_end(requester, "cancelled")
    finally:
        api.restore(ids)
