"""The demo users seeded on first start, listed in the README.

Other services (the mail service's demo mailboxes) mirror these tenant and user ids, so the ids
are stable strings and never change. Exactly one approver per tenant.
"""

from dataclasses import dataclass

from aura.contracts.identity import Role

# A documented demo credential, not a secret: the README lists it next to the users.
DEMO_PASSWORD = "aura1234"  # noqa: S105


@dataclass(frozen=True)
class DemoUser:
    tenant_id: str
    user_id: str
    username: str
    email: str
    name: str
    role: Role
    password: str = DEMO_PASSWORD


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("tenant1", "user123", "user123", "minjun.kim@tenant1.example.com", "김민준", "user"),
    DemoUser(
        "tenant1", "user456", "seoyeon.lee", "seoyeon.lee@tenant1.example.com", "이서연", "approver"
    ),
    DemoUser("default", "user001", "jiho.park", "jiho.park@default.example.com", "박지호", "user"),
    DemoUser(
        "default", "user002", "sujin.choi", "sujin.choi@default.example.com", "최수진", "approver"
    ),
    DemoUser("acme", "alice", "alice", "alice@acme.example", "Alice Park", "user"),
    DemoUser("acme", "bob", "bob", "bob@acme.example", "Bob Lee", "approver"),
)
