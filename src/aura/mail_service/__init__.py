"""The mail service (SPEC §7): per-tenant, per-user mailboxes the agent acts on."""
