"""The gateway: the only entry point for browsers and clients (SPEC §2).

It routes by path prefix, verifies identity at the edge, and streams responses (above all SSE)
through untouched.
"""
