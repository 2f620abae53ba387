"""Aura: an assistant for the digital workplace that never acts irreversibly without approval."""
