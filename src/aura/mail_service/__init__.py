"""The mail service (docs/contract.md#mail-service): per-user mailboxes the agent acts on."""
