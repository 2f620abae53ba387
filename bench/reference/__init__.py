"""The floor Aura is compared against: the least a HITL stream through a proxy can cost.

`hitl_server` (SSE + one Redis pub/sub subscription), `proxy` (an aiohttp reverse proxy in front of
it), both started as processes by `floor`, and `langgraph_resume` (a paused LangGraph thread on the
async SQLite checkpointer, resumed in-process).
"""
