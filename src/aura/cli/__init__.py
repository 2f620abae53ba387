"""The `aura` command: up, serve, token, chat, approve, reject, pending, undo."""
