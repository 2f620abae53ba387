"""The main service (`dwp-main-service`): human approval decisions for Aura's HITL requests."""
