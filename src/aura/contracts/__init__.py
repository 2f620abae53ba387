"""Wire types shared by every component: the wire contract (docs/stream.md, the README's API
tables) as Python types.

This package imports nothing else from `aura`; services share only these types and `aura.kit`.
"""
