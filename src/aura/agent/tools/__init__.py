"""The tools the agent can call (SPEC §8): typed arguments, an approval policy, a mail client."""
