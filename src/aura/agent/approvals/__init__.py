"""The approval gate (docs/agent.md): records in Redis, one pub/sub hub per process, polling."""
