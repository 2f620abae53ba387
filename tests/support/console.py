"""Driving the web console and checking mail as its users: Debian's Chromium through Playwright,
and the mail API through the gateway.

Playwright never downloads a browser here: the tests use the machine's `chromium` (or the one
`AURA_CHROMIUM` names) and are skipped, with the reason, when there is none.
"""

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    ViewportSize,
    expect,
    sync_playwright,
)

from tests.support.system import RunningSystem

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "test-output" / "console"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LAPTOP_VIEWPORT: ViewportSize = {"width": 1440, "height": 900}
PHONE_VIEWPORT: ViewportSize = {"width": 390, "height": 844}
PROMPT = "메일 3개를 삭제해주세요"
WAIT_MS = 30_000
DEMO_PASSWORD = "aura1234"


def chromium_path() -> str | None:
    named = os.environ.get("AURA_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def screenshot_path(name: str) -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR / f"{name}.png"


@dataclass(frozen=True)
class DemoUser:
    tenant: str
    username: str
    user_id: str


# The `default` tenant's two demo users (auth_server/demo_users.py); the console tests are the
# only e2e tests that act on their mailboxes.
REQUESTER = DemoUser("default", "jiho.park", "user001")
APPROVER = DemoUser("default", "sujin.choi", "user002")


class MailApi:
    """The mail API through the gateway, as one demo user: what the tests check the UI against."""

    def __init__(self, gateway: str, user: DemoUser) -> None:
        self.http = httpx.Client(base_url=gateway, timeout=15.0)
        response = self.http.post(
            "/api/auth/login",
            json={"username": user.username, "password": DEMO_PASSWORD, "tenantId": user.tenant},
        )
        response.raise_for_status()
        token = response.json()["data"]["accessToken"]
        self.http.headers.update(
            {
                "Authorization": f"Bearer {token}",
                "X-Tenant-ID": user.tenant,
                "X-User-ID": user.user_id,
            }
        )

    def close(self) -> None:
        self.http.close()

    def _data(self, response: httpx.Response) -> Any:
        response.raise_for_status()
        return response.json()["data"]

    def folder_of(self, message_id: str) -> str:
        return str(self._data(self.http.get(f"/api/mail/messages/{message_id}"))["folder"])

    def total(self, folder: str) -> int:
        page = self._data(self.http.get("/api/mail/messages", params={"folder": folder}))
        return int(page["total"])

    def restore(self, ids: list[str]) -> None:
        """Put trashed mail back so that later tests find a full inbox."""
        in_trash = [message_id for message_id in ids if self.folder_of(message_id) == "trash"]
        if in_trash:
            self._data(self.http.post("/api/mail/messages/restore", json={"ids": in_trash}))


# --- Browser fixtures and steps shared by the console's end-to-end tests -------------------------


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
def new_page(browser: Browser, running_system: RunningSystem) -> Iterator[Callable[..., Page]]:
    """Pages in fresh browser contexts (separate people), all closed after the test."""
    contexts: list[BrowserContext] = []
    errors: list[str] = []

    def open_page(locale: str = "en-US", viewport: ViewportSize = LAPTOP_VIEWPORT) -> Page:
        context = browser.new_context(
            viewport=viewport, base_url=running_system.gateway, locale=locale
        )
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
    page.locator("#login-tenant").fill(user.tenant)
    page.locator("#login-username").fill(user.username)
    page.locator("#login-password").fill(DEMO_PASSWORD)
    page.locator("#login-password").press("Enter")
    expect(page.locator("#message-list tr[data-id]").first).to_be_visible(timeout=WAIT_MS)


def ask_for_deletion(page: Page) -> Any:
    """Send the prompt with Enter and wait for the approval card; returns the card."""
    prompt = page.locator("#prompt")
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
