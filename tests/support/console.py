"""Driving the web console and checking mail as its users: Debian's Chromium through Playwright,
and the mail API through the gateway.

Playwright never downloads a browser here: the tests use the machine's `chromium` (or the one
`AURA_CHROMIUM` names) and are skipped, with the reason, when there is none.
"""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

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
LAPTOP_VIEWPORT = {"width": 1440, "height": 900}
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
