"""Configuration of the mail service, read from the environment once at start-up."""

from pydantic import Field

from aura.contracts import ports
from aura.kit.settings import ServiceSettings


class Settings(ServiceSettings):
    database_name = "mail"

    port: int = Field(default=ports.MAIL_PORT, validation_alias="MAIL_PORT")
    # Seeding is on by default so that a fresh `aura up` has mail to act on.
    seed_demo_mail: bool = Field(default=True, validation_alias="MAIL_SEED_DEMO")
