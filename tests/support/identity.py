"""Tokens for tests, signed with the test secret exactly as the auth server signs them."""

from aura.kit.tokens import encode_token, issue_claims

TEST_JWT_SECRET = "aura-test-secret-0123456789-abcdefghijklmnop"


def token_for(
    user_id: str = "user123",
    tenant_id: str = "tenant1",
    role: str = "user",
    lifetime_seconds: int = 3600,
    secret: str = TEST_JWT_SECRET,
) -> str:
    return encode_token(issue_claims(user_id, tenant_id, role, lifetime_seconds), secret)


def auth_headers(
    user_id: str = "user123", tenant_id: str = "tenant1", role: str = "user", **extra: str
) -> dict[str, str]:
    headers = {
        "Authorization": f"Bearer {token_for(user_id, tenant_id, role)}",
        "X-Tenant-ID": tenant_id,
    }
    headers.update(extra)
    return headers
