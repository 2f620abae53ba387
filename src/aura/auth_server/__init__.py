"""The auth server: users, passwords, login and the tokens every other service verifies."""
