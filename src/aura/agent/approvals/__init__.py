"""The approval gate of SPEC §6: records in Redis, one pub/sub hub per process, polling fallback."""
