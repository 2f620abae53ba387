"""The tools the agent can call (docs/contract.md): typed arguments, an approval policy."""
