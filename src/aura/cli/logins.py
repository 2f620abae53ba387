"""Who the `aura` command acts as: a login read from its token, and the cache of earlier logins."""

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt

from aura.cli.errors import ApiError


@dataclass(frozen=True)
class Login:
    """Who the CLI acts as: the token and the two ids every call repeats in headers."""

    token: str
    user_id: str
    tenant_id: str
    expires_at: int | None = None

    @classmethod
    def from_token(cls, token: str) -> "Login":
        """Read the ids a token names so they can be sent as headers.

        The signature is not checked here on purpose: the CLI holds no secret, and every service
        verifies the token again; a forged token only earns its bearer a 401.
        """
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise ApiError(
                "That token is not a JWT; log in again or pass a valid --token.", 401
            ) from None
        user_id, tenant_id = claims.get("sub"), claims.get("tenant_id")
        if not user_id or not tenant_id:
            raise ApiError("That token names no user or tenant; log in to get a new one.", 401)
        exp = claims.get("exp")
        return cls(token, str(user_id), str(tenant_id), int(exp) if exp is not None else None)

    def expired(self, now: float | None = None, margin: float = 30.0) -> bool:
        if self.expires_at is None:
            return False
        return (time.time() if now is None else now) + margin >= self.expires_at


def config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "aura"


class TokenCache:
    """Tokens from earlier logins, per gateway, in `~/.config/aura/tokens.json` (mode 0600).

    The most recent login to a gateway is used when no user is named, so that `aura approve`
    in a second terminal acts as whoever last logged in there.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "tokens.json"

    def _read(self) -> dict[str, Any]:
        try:
            content = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return content if isinstance(content, dict) else {}

    def find(
        self, gateway: str, user: str | None = None, tenant: str | None = None
    ) -> Login | None:
        entries = self._read().get(gateway.rstrip("/"), {})
        if not isinstance(entries, dict):
            return None
        candidates = []
        for entry in entries.get("logins", []):
            try:
                login = Login.from_token(str(entry["token"]))
            except (ApiError, KeyError, TypeError):
                continue
            if login.expired():
                continue
            # A user is named by the login name or the user id (`-u seoyeon.lee` is user456).
            if user and user not in (login.user_id, entry.get("username")):
                continue
            if tenant and login.tenant_id != tenant:
                continue
            candidates.append((float(entry.get("savedAt", 0)), login))
        return max(candidates, key=lambda pair: pair[0])[1] if candidates else None

    def save(self, gateway: str, login: Login, username: str | None = None) -> None:
        content = self._read()
        key = gateway.rstrip("/")
        entry = content.get(key)
        if not isinstance(entry, dict):
            entry = {}
        kept = [
            item
            for item in entry.get("logins", [])
            if isinstance(item, dict)
            and (item.get("userId"), item.get("tenantId")) != (login.user_id, login.tenant_id)
        ]
        kept.append(
            {
                "token": login.token,
                "userId": login.user_id,
                "tenantId": login.tenant_id,
                "username": username or login.user_id,
                "savedAt": time.time(),
            }
        )
        content[key] = {"logins": kept}
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = self.path.with_suffix(".tmp")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(content, handle, indent=2)
        partial.replace(self.path)
