"""The mail tools for code that reads only what they declare (names, descriptions, argument
schemas, approval policies) and never runs them: the registry tests, the model providers.

Their mail client is built over an HTTP client that is never opened: nothing here sends a request.
Code that runs the tools builds them over a real mail service (`conftest.tools`).
"""

import httpx

from aura.agent.tools.apps import mail_tools
from aura.agent.tools.mail_api import MailClient
from aura.agent.tools.registry import ToolRegistry


def unopened_mail_client() -> MailClient:
    return MailClient(httpx.AsyncClient(base_url="http://mail.invalid"))


def declared_mail_tools() -> ToolRegistry:
    return ToolRegistry(mail_tools(unopened_mail_client()))
