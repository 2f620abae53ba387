"""The gateway: the only entry point for browsers and clients (docs/contract.md#gateway-routes).

It routes by path prefix, verifies identity at the edge, and streams responses (above all SSE)
through untouched.
"""
