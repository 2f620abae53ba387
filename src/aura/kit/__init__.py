"""Shared plumbing with no business rules: settings, errors, Redis, database, HTTP, logging."""
