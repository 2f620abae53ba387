"""The services `aura up` starts, in start order, and where each one lives.

Every service package exposes `settings.Settings` (a `ServiceSettings` with a `port`) and
`app.create_app(settings) -> FastAPI`.
"""

from dataclasses import dataclass

from aura.contracts import ports


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    package: str
    port_env: str
    default_port: int
    url_env: str
    title: str

    @property
    def settings_module(self) -> str:
        return f"{self.package}.settings"

    @property
    def app_module(self) -> str:
        return f"{self.package}.app"


SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec(
        "auth", "aura.auth_server", "AUTH_PORT", ports.AUTH_PORT, "AUTH_URL", "auth server"
    ),
    ServiceSpec(
        "main", "aura.main_service", "MAIN_PORT", ports.MAIN_PORT, "MAIN_URL", "main service"
    ),
    ServiceSpec(
        "mail", "aura.mail_service", "MAIL_PORT", ports.MAIL_PORT, "MAIL_URL", "mail service"
    ),
    ServiceSpec(
        "agent", "aura.agent", "AGENT_PORT", ports.AGENT_PORT, "AGENT_URL", "Aura-Platform"
    ),
    ServiceSpec(
        "gateway", "aura.gateway", "GATEWAY_PORT", ports.GATEWAY_PORT, "GATEWAY_URL", "gateway"
    ),
)

SERVICES_BY_NAME = {spec.name: spec for spec in SERVICES}
