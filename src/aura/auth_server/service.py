"""Logging in and looking users up: the auth server's use cases."""

from typing import cast

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from aura.auth_server.errors import BadCredentialsError, TenantRequiredError, UnknownUserError
from aura.auth_server.models import UserRecord
from aura.auth_server.passwords import Passwords
from aura.auth_server.repository import UserRepository
from aura.auth_server.schemas import LoginRequest, Person, Profile, TokenGrant
from aura.auth_server.throttle import LoginThrottle
from aura.contracts.identity import Caller, Role
from aura.kit.tokens import encode_token, issue_claims


class AccountService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        passwords: Passwords,
        jwt_secret: str,
        token_ttl_seconds: int,
        throttle: LoginThrottle | None = None,
    ) -> None:
        self._sessions = sessions
        self._passwords = passwords
        self._secret = jwt_secret
        self._ttl = token_ttl_seconds
        self._throttle = throttle

    async def login(self, request: LoginRequest, address: str) -> TokenGrant:
        """Check the credentials and issue a token, within the login throttles (429 beyond)."""
        if self._throttle is None:
            return await self._authenticate(request)
        name = request.username or request.email or ""
        await self._throttle.check(name, address)
        try:
            grant = await self._authenticate(request)
        except BadCredentialsError:
            await self._throttle.failed(name, address)
            raise
        await self._throttle.succeeded(name, address)
        return grant

    async def _authenticate(self, request: LoginRequest) -> TokenGrant:
        """Check the credentials; every failure looks the same to the caller."""
        async with self._sessions() as session:
            candidates = await UserRepository(session).find_for_login(
                request.tenant_id, username=request.username, email=request.email
            )
        if not candidates:
            await self._passwords.verify_nobody(request.password)
            raise BadCredentialsError()
        matching = [
            user
            for user in candidates
            if await self._passwords.verify(user.password_hash, request.password)
        ]
        if not matching:
            raise BadCredentialsError()
        # Only a caller who knows a password learns that the name exists in several tenants.
        if len(candidates) > 1:
            raise TenantRequiredError()
        user = matching[0]
        await self._upgrade_hash(user, request.password)
        return TokenGrant(
            access_token=self.token_for(user),
            expires_in=self._ttl,
            user_id=user.user_id,
            tenant_id=user.tenant_id,
        )

    async def profile(self, caller: Caller) -> Profile:
        async with self._sessions() as session:
            user = await UserRepository(session).get(caller.tenant_id, caller.user_id)
        if user is None:
            raise UnknownUserError("The user of this token no longer exists.")
        return Profile(
            user_id=user.user_id,
            tenant_id=user.tenant_id,
            email=user.email,
            role=_role(user.role),
            name=user.display_name,
        )

    async def people(self, caller: Caller) -> list[Person]:
        """The names of the caller's own tenant's users, so that ids can be shown as people."""
        async with self._sessions() as session:
            users = await UserRepository(session).in_tenant(caller.tenant_id)
        return [Person(user_id=user.user_id, name=user.display_name) for user in users]

    async def token_for_user(
        self, tenant_id: str, who: str, role: Role | None = None, ttl_seconds: int | None = None
    ) -> str:
        """A token for a user named by id or username, as `aura token` prints it."""
        async with self._sessions() as session:
            user = await UserRepository(session).find_in_tenant(tenant_id, who)
        if user is None:
            raise UnknownUserError(f"There is no user '{who}' in tenant '{tenant_id}'.")
        return self.token_for(user, role, ttl_seconds)

    def token_for(
        self, user: UserRecord, role: Role | None = None, ttl_seconds: int | None = None
    ) -> str:
        claims = issue_claims(
            user.user_id,
            user.tenant_id,
            role or _role(user.role),
            ttl_seconds or self._ttl,
            email=user.email,
            name=user.display_name,
        )
        return encode_token(claims, self._secret)

    async def _upgrade_hash(self, user: UserRecord, password: str) -> None:
        """Re-hash with the current parameters once they have been raised."""
        if not self._passwords.needs_rehash(user.password_hash):
            return
        new_hash = await self._passwords.hash(password)
        async with self._sessions.begin() as session:
            await UserRepository(session).replace_hash(user.tenant_id, user.user_id, new_hash)


def _role(value: str) -> Role:
    # The table's CHECK constraint keeps the column to the three roles.
    return cast(Role, value)
