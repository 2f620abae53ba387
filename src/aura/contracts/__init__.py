"""Wire types shared by every component: the contract of ../shared/SPEC.md as Python types.

This package imports nothing else from `aura`; services share only these types and `aura.kit`.
"""
