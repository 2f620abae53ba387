"""Default ports (docs/contract.md#services-and-ports)."""

GATEWAY_PORT = 8080
AUTH_PORT = 8001
MAIN_PORT = 8081
MAIL_PORT = 8082
AGENT_PORT = 9000
