"""Tokens the auth server must refuse, built by hand rather than through `aura.kit.tokens`."""

import base64
import json
import time
from typing import Any

import jwt


def claims(user_id: str = "user123", tenant_id: str = "tenant1", **extra: Any) -> dict[str, Any]:
    now = int(time.time())
    return {
        "sub": user_id,
        "tenant_id": tenant_id,
        "role": "user",
        "iat": now,
        "exp": now + 600,
        **extra,
    }


def signed(payload: dict[str, Any], secret: str, algorithm: str = "HS256") -> str:
    return jwt.encode(payload, secret.encode("utf-8"), algorithm=algorithm)


def unsigned(payload: dict[str, Any]) -> str:
    """`alg: none`: a header and a payload and an empty signature."""

    def part(document: dict[str, Any]) -> str:
        raw = json.dumps(document, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(payload)}."
