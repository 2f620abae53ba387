"""Runs as tasks of the service, not of an HTTP connection (docs/agent.md "Runs").

- `records`: a run's metadata in Redis (`RunStore`) and the owner leases of the processes.
- `threads`: conversation threads, the earlier turns a new run of the same thread sees.
- `supervisor`: `RunSupervisor` starts each run as a task, logs its events, cancels and sweeps.
- `takeover`: what a sweep does with runs whose process died: resume them, or end them.
"""
