"""Issue 5: the web console in headless Chromium against the whole system (`./dev up`).

A person logs in, asks "메일 3개를 삭제해주세요", and decides on the approval card: approve with one
mail unticked, reject, reload the page while the run waits, or let the tenant's approver decide
from the pending list in a second browser. Every outcome is checked through the mail API, not
only on screen. Each test leaves a screenshot in test-output/console/ and restores the mail it
moved so that the shared system keeps a full inbox.
"""

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from tests.support.console import (
    APPROVER,
    CHROMIUM_ARGS,
    DEMO_PASSWORD,
    LAPTOP_VIEWPORT,
    REQUESTER,
    DemoUser,
    MailApi,
    chromium_path,
    screenshot_path,
)
from tests.support.system import RunningSystem

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

PROMPT = "메일 3개를 삭제해주세요"
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    if chromium_path() is None:
        pytest.skip("no chromium on this machine (apt-get install chromium, or set AURA_CHROMIUM)")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser: Browser, running_system: RunningSystem) -> Iterator[Callable[[], Page]]:
    """Pages in fresh browser contexts (separate people), all closed after the test."""
    contexts: list[BrowserContext] = []
    errors: list[str] = []

    def open_page() -> Page:
        context = browser.new_context(viewport=LAPTOP_VIEWPORT, base_url=running_system.gateway)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert errors == [], f"the console threw: {errors}"


@pytest.fixture
def mail(running_system: RunningSystem) -> Iterator[Callable[[DemoUser], MailApi]]:
    opened: list[MailApi] = []

    def open_api(user: DemoUser) -> MailApi:
        api = MailApi(running_system.gateway, user)
        opened.append(api)
        return api

    yield open_api
    for api in opened:
        api.close()


def log_in(page: Page, user: DemoUser) -> None:
    page.goto("/")
    page.get_by_label("Tenant").fill(user.tenant)
    page.get_by_label("User name").fill(user.username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page.locator("#message-list tr[data-id]").first).to_be_visible(timeout=WAIT_MS)


def ask_for_deletion(page: Page) -> Any:
    """Send the prompt with Enter and wait for the approval card; returns the card."""
    prompt = page.get_by_label("Ask Aura")
    prompt.fill(PROMPT)
    prompt.press("Enter")
    card = page.locator("#conversation .approval").last
    expect(card).to_be_visible(timeout=WAIT_MS)
    return card


def card_ids(card: Any) -> list[str]:
    boxes = card.locator(".mail-choice input[type=checkbox]")
    expect(boxes).to_have_count(3)
    return [boxes.nth(index).get_attribute("value") or "" for index in range(3)]


def wait_for_end(page: Page, status: str) -> None:
    expect(page.locator("#conversation .turn").last).to_have_attribute(
        "data-status", status, timeout=WAIT_MS
    )


def test_login_errors_are_sentences(new_page: Callable[[], Page]) -> None:
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
    new_page: Callable[[], Page], mail: Callable[[DemoUser], MailApi]
) -> None:
    api = mail(REQUESTER)
    page = new_page()
    log_in(page, REQUESTER)
    card = ask_for_deletion(page)
    ids = card_ids(card)
    try:
        expect(card.locator(".approval-message")).to_contain_text("3")
        expect(card.locator(".countdown")).to_contain_text("Expires in")
        expect(card.locator(".params")).to_contain_text(ids[1])
        card.locator(".mail-choice input").nth(1).uncheck()
        expect(card.locator(".params")).not_to_contain_text(ids[1])
        approve = card.get_by_role("button", name="Approve 2 of 3")
        page.screenshot(path=screenshot_path("approve-edited-before"))
        approve.click()
        wait_for_end(page, "completed")
        expect(card).to_have_class(re.compile(r"\bsettled-approved\b"))
        expect(page.locator("#conversation .tool[data-status=completed]").last).to_contain_text(
            "2 mail(s)"
        )
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
    new_page: Callable[[], Page], mail: Callable[[DemoUser], MailApi]
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
    new_page: Callable[[], Page], mail: Callable[[DemoUser], MailApi]
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
    new_page: Callable[[], Page], mail: Callable[[DemoUser], MailApi]
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
        expect(pending.locator(".requester")).to_contain_text(REQUESTER.user_id)
        expect(pending.locator(".mail-choice")).to_have_count(3)
        approver.screenshot(path=screenshot_path("approver-pending"))
        pending.get_by_role("button", name="Approve", exact=True).click()
        expect(pending).to_have_class(re.compile(r"\bsettled-approved\b"))
        # The requester's own stream continues and ends.
        wait_for_end(requester, "completed")
        expect(own_card).to_have_class(re.compile(r"\bsettled\b"))
        requester.screenshot(path=screenshot_path("approver-requester-completed"))
        assert [api.folder_of(message_id) for message_id in ids] == ["trash"] * 3
    finally:
        api.restore(ids)


def test_the_whole_flow_works_from_the_keyboard(
    new_page: Callable[[], Page], mail: Callable[[DemoUser], MailApi]
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
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        expect(card.get_by_role("button", name="Approve 2 of 3")).to_be_focused()
        page.keyboard.press("Enter")
        wait_for_end(page, "completed")
        assert [api.folder_of(message_id) for message_id in ids] == ["trash", "inbox", "trash"]
    finally:
        api.restore(ids)


def test_stop_cancels_the_run_waiting_for_approval(
    new_page: Callable[[], Page], mail: Callable[[DemoUser], MailApi]
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
        expect(page.get_by_role("button", name="Send")).to_be_enabled()
        assert [api.folder_of(message_id) for message_id in ids] == ["inbox"] * 3
    finally:
        api.restore(ids)
