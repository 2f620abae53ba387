"""Aura-Platform: runs the agent, streams its events over SSE, pauses for human approval."""
