"""Issues 5 and 14: the web console in headless Chromium against the whole system (`./dev up`).

A person logs in, asks "메일 3개를 삭제해주세요", and decides on the approval card: approve with one
mail unticked, reject, reload the page while the run waits, or let the tenant's approver decide
from the pending list in a second browser. Every outcome is checked through the mail API, not
only on screen. Each test leaves a screenshot in test-output/console/ and restores the mail it
moved so that the shared system keeps a full inbox. The office worker's view (issue 14) — the
card in words, one UI language, the phone layout, My requests, accessibility — is in
test_console_for_people.py.
"""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.support.console import (
    APPROVER,
    DEMO_PASSWORD,
    PROMPT,
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
# Fixtures shared with test_console_for_people.py.
__all__ = ["browser", "mail", "new_page", "playwright"]


def test_login_errors_are_sentences(new_page: Callable[..., Page]) -> None:
    page = new_page()
    page.goto("/")
    page.get_by_label("Tenant").fill(REQUESTER.tenant)
    page.get_by_label("User name").fill(REQUESTER.username)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    error = page.locator("#login-error")
    expect(error).to_contain_text("do not match")
    assert "{" not in (error.text_content() or "")
    expect(page.locator("#workspace")).to_be_hidden()


def test_approve_with_one_mail_unticked_moves_exactly_two_to_trash(
    new_page: Callable[..., Page], mail: Callable[[DemoUser], MailApi]
) -> None:
    api = mail(REQUESTER)
    page = new_page()
    log_in(page, REQUESTER)
    card = ask_for_deletion(page)
    ids = card_ids(card)
    try:
        expect(card.locator(".approval-message")).to_contain_text("3")
        expect(card.locator(".countdown")).to_contain_text("Expires in")
        expect(card.locator("h3")).to_have_text("Move 3 mails to Trash")
        expect(card.locator(".params")).to_contain_text(ids[1])
        card.locator(".mail-choice input").nth(1).uncheck()
        expect(card.locator(".params")).not_to_contain_text(ids[1])
        # The card's words follow the selection.
        expect(card.locator("h3")).to_have_text("Move 2 mails to Trash")
        expect(card.locator(".approval-message")).to_contain_text("2 of the 3 mails")
        approve = card.get_by_role("button", name="Approve 2 of 3")
        page.screenshot(path=screenshot_path("approve-edited-before"))
        approve.click()
        wait_for_end(page, "completed")
        expect(card).to_have_class(re.compile(r"\bsettled-approved\b"))
        moved = page.locator("#conversation .tool[data-status=completed]").last
        expect(moved).to_contain_text("Moved 2 mails to Trash")
        # What the result means is shown; its JSON only behind "Details".
        expect(moved.locator(".tool-details")).not_to_have_attribute("open", "")
        assert "{" not in moved.locator(".tool-result > :not(details)").all_inner_texts()[0]
        # The mailbox refreshed: the two are gone from the inbox, the unticked one stayed.
        expect(page.locator(f"#message-list tr[data-id='{ids[0]}']")).to_have_count(0)
        expect(page.locator(f"#message-list tr[data-id='{ids[2]}']")).to_have_count(0)
        expect(page.locator(f"#message-list tr[data-id='{ids[1]}']")).to_have_count(1)
        page.screenshot(path=screenshot_path("approve-edited-after"))
        assert [api.folder_of(message_id) for message_id in ids] == ["trash", "inbox", "trash"]
        # And they are restorable from the trash view.
        page.locator("button.folder[data-folder=trash]").click()
        expect(page.locator(f"#message-list tr[data-id='{ids[0]}']")).to_have_count(1)
    finally:
        api.restore(ids)


def test_reject_changes_nothing(
    new_page: Callable[..., Page], mail: Callable[[DemoUser], MailApi]
) -> None:
    api = mail(REQUESTER)
    inbox_before = api.total("inbox")
    page = new_page()
    log_in(page, REQUESTER)
    card = ask_for_deletion(page)
    ids = card_ids(card)
    try:
        card.get_by_label("Reason").fill("지금은 지우지 마세요")
        card.get_by_role("button", name="Reject").click()
        wait_for_end(page, "rejected")
        expect(card).to_have_class(re.compile(r"\bsettled-rejected\b"))
        expect(page.locator("#conversation .answer").last).to_contain_text("지금은 지우지 마세요")
        page.screenshot(path=screenshot_path("reject"))
        assert [api.folder_of(message_id) for message_id in ids] == ["inbox"] * 3
        assert api.total("inbox") == inbox_before
    finally:
        api.restore(ids)


def test_reload_during_the_wait_reattaches_and_completes(
    new_page: Callable[..., Page], mail: Callable[[DemoUser], MailApi]
) -> None:
    api = mail(REQUESTER)
    page = new_page()
    log_in(page, REQUESTER)
    card = ask_for_deletion(page)
    ids = card_ids(card)
    request_id = card.get_attribute("data-request-id")
    try:
        page.reload()
        card = page.locator("#conversation .approval").last
        expect(card).to_be_visible(timeout=WAIT_MS)
        # The same run and the same request, not a new run.
        expect(page.locator("#conversation .turn")).to_have_count(1)
        expect(page.locator("#conversation .approval")).to_have_count(1)
        assert card.get_attribute("data-request-id") == request_id
        page.screenshot(path=screenshot_path("reload-reattached"))
        card.get_by_role("button", name="Approve", exact=True).click()
        wait_for_end(page, "completed")
        expect(page.locator("#conversation .answer").last).not_to_be_empty()
        page.screenshot(path=screenshot_path("reload-completed"))
        assert [api.folder_of(message_id) for message_id in ids] == ["trash"] * 3
    finally:
        api.restore(ids)


def test_the_tenants_approver_approves_from_the_pending_list(
    new_page: Callable[..., Page], mail: Callable[[DemoUser], MailApi]
) -> None:
    api = mail(REQUESTER)
    requester = new_page()
    log_in(requester, REQUESTER)
    own_card = ask_for_deletion(requester)
    ids = card_ids(own_card)
    request_id = own_card.get_attribute("data-request-id")
    try:
        approver = new_page()
        log_in(approver, APPROVER)
        pending = approver.locator(f"#pending .approval[data-request-id='{request_id}']")
        expect(pending).to_be_visible(timeout=WAIT_MS)
        # The requester by name, not by user id.
        expect(pending.locator(".requester")).to_have_text("Requested by 박지호")
        expect(pending.locator(".mail-choice")).to_have_count(3)
        approver.screenshot(path=screenshot_path("approver-pending"))
        pending.get_by_role("button", name="Approve", exact=True).click()
        expect(pending).to_have_class(re.compile(r"\bsettled-approved\b"))
        expect(approver.locator("#pending-count")).to_have_text("0")
        # The requester's own stream continues and ends; the card says who approved.
        wait_for_end(requester, "completed")
        expect(own_card).to_have_class(re.compile(r"\bsettled\b"))
        expect(own_card.locator(".approval-status")).to_have_text(
            re.compile(r"^Approved by 최수진 at \d\d:\d\d\.$")
        )
        requester.screenshot(path=screenshot_path("approver-requester-completed"))
        assert [api.folder_of(message_id) for message_id in ids] == ["trash"] * 3
    finally:
        api.restore(ids)


def test_the_whole_flow_works_from_the_keyboard(
    new_page: Callable[..., Page], mail: Callable[[DemoUser], MailApi]
) -> None:
    api = mail(REQUESTER)
    page = new_page()
    page.goto("/")
    # Focus starts in the first empty field; Tab walks the form in reading order.
    page.keyboard.type(REQUESTER.tenant)
    page.keyboard.press("Tab")
    page.keyboard.type(REQUESTER.username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_label("Ask Aura")).to_be_focused(timeout=WAIT_MS)
    page.keyboard.type(PROMPT)
    page.keyboard.press("Enter")
    card = page.locator("#conversation .approval").last
    expect(card.locator("h3")).to_be_focused(timeout=WAIT_MS)
    ids = card_ids(card)
    try:
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Space")  # untick the second mail
        page.keyboard.press("Tab")  # the third mail
        page.keyboard.press("Tab")  # "Details"
        page.keyboard.press("Tab")
        expect(card.get_by_role("button", name="Approve 2 of 3")).to_be_focused()
        page.keyboard.press("Enter")
        # The focus moves to the outcome, never to the page, as the buttons disable themselves.
        expect(card.locator(".approval-status")).to_be_focused()
        wait_for_end(page, "completed")
        assert [api.folder_of(message_id) for message_id in ids] == ["trash", "inbox", "trash"]
    finally:
        api.restore(ids)


def test_stop_cancels_the_run_waiting_for_approval(
    new_page: Callable[..., Page], mail: Callable[[DemoUser], MailApi]
) -> None:
    api = mail(REQUESTER)
    page = new_page()
    log_in(page, REQUESTER)
    card = ask_for_deletion(page)
    ids = card_ids(card)
    try:
        page.get_by_role("button", name="Stop").click()
        wait_for_end(page, "cancelled")
        expect(card.get_by_role("button", name="Approve", exact=True)).to_be_disabled()
        # Nothing is left looking in progress.
        turn = page.locator("#conversation .turn").last
        expect(turn.locator(".step[data-status=executing]")).to_have_count(0)
        expect(turn.locator(".phase[data-status=processing]")).to_have_count(0)
        expect(turn.locator(".step[data-status=stopped]")).not_to_have_count(0)
        expect(page.get_by_role("button", name="Send")).to_be_enabled()
        assert [api.folder_of(message_id) for message_id in ids] == ["inbox"] * 3
    finally:
        api.restore(ids)
