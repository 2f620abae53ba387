"""Named secrets: the environment's value in production, a generated per-install file elsewhere.

A secret such as `JWT_SECRET` is never a constant in the source. With `ENVIRONMENT=production`
it must be set (and long enough), or the service refuses to start with one sentence saying so.
In development an unset secret is read from `<var dir>/secrets/<name>`, created once with 32
random bytes and mode 0600, so every process started from the same checkout (`aura up`, each
`aura serve`, `aura token`) shares it and no two installs share one.

Creation is race-free: the value is written to a private temporary file and hard-linked to its
final name; a process that loses the race reads the winner's file, never a half-written one.
"""

import contextlib
import os
import secrets
from pathlib import Path

from aura.contracts.identity import MIN_SECRET_BYTES

PRODUCTION = "production"
SECRETS_DIR = "secrets"
GENERATED_BYTES = 32

# Values that have been published (in this repository's history); no deployment may use them.
PUBLISHED_VALUES = frozenset({"aura-development-secret-change-me-in-production"})


class SecretError(ValueError):
    """A secret a service cannot start with; the message is one sentence for the operator."""


def is_production(environment: str) -> bool:
    return environment.strip().lower() == PRODUCTION


def secret_file(var_dir: Path, name: str) -> Path:
    """Where development keeps the generated value of the secret `name` (an env var name)."""
    return var_dir / SECRETS_DIR / name.lower()


def resolve_secret(
    name: str,
    value: str | None,
    *,
    environment: str,
    var_dir: Path,
    min_bytes: int = MIN_SECRET_BYTES,
) -> str:
    """The secret to use: `value` when given, else (outside production) the generated file.

    `name` is the environment variable operators set, e.g. "JWT_SECRET"; it names the file too.
    """
    if value:
        _check_strength(name, value, min_bytes)
        return value
    if is_production(environment):
        raise SecretError(
            f"{name} is not set: with ENVIRONMENT=production every service needs the same "
            f"secret of at least {min_bytes} bytes in {name}, and none is generated."
        )
    generated = development_secret(var_dir, name)
    _check_strength(name, generated, min_bytes, secret_file(var_dir, name))
    return generated


def development_secret(var_dir: Path, name: str) -> str:
    """Read the generated secret `name` under `var_dir`, creating it on first use."""
    path = secret_file(var_dir, name)
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_urlsafe(GENERATED_BYTES) + "\n")
        with contextlib.suppress(FileExistsError):  # another process was first: use theirs
            os.link(draft, path)
    finally:
        draft.unlink(missing_ok=True)
    return _read(path)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8").strip()


def _check_strength(name: str, value: str, min_bytes: int, source: Path | None = None) -> None:
    size = len(value.encode("utf-8"))
    where = f" (read from {source})" if source else ""
    if size < min_bytes:
        raise SecretError(
            f"{name} is {size} bytes long{where}; it must be at least {min_bytes} bytes."
        )
    if value in PUBLISHED_VALUES:
        raise SecretError(f"{name} is a value published in the Aura source; choose your own.")
