"""Token claims and the identity headers (docs/contract.md#identity)."""

from typing import Literal

from pydantic import BaseModel, ConfigDict

Role = Literal["user", "approver", "admin"]
JWT_ALGORITHM = "HS256"
MIN_SECRET_BYTES = 32

AUTHORIZATION_HEADER = "authorization"
TENANT_HEADER = "x-tenant-id"
USER_HEADER = "x-user-id"
REQUEST_ID_HEADER = "x-request-id"

DECIDING_ROLES: frozenset[str] = frozenset({"approver", "admin"})


class TokenClaims(BaseModel):
    model_config = ConfigDict(frozen=True)  # verified claims are shared by a process's requests

    sub: str
    tenant_id: str
    iat: int
    exp: int
    email: str | None = None
    role: Role = "user"
    name: str | None = None


class Caller(BaseModel):
    """The verified identity of a request: what every service authorises against."""

    user_id: str
    tenant_id: str
    role: Role = "user"
    email: str | None = None
    token: str

    @property
    def may_decide_for_others(self) -> bool:
        return self.role in DECIDING_ROLES
