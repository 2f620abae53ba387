"""The run as a LangGraph `StateGraph`.

    think ──► act ──► ask ──► await_decision ─┬─► execute ──► act | think
      │        │                               ├─► reject ──► think (model says what was not done)
      │        └──► act | think                └─► expire ──► END
      └──► answer ──► END

`await_decision` is the only node that calls `interrupt()`; the runner resumes it with
`Command(resume=decision)`. The checkpointer keeps a paused run as state in the database,
keyed by the run id as the LangGraph thread id.
"""

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, StateGraph
from langgraph.graph.state import CompiledStateGraph

from aura.agent.runtime.acting import ActingNodes
from aura.agent.runtime.approving import ApprovalNodes
from aura.agent.runtime.context import RunContext
from aura.agent.runtime.state import RunState
from aura.agent.runtime.thinking import ThinkingNodes

RunGraph = CompiledStateGraph[RunState, RunContext, RunState, RunState]


async def _route(state: RunState) -> str:
    # A coroutine on purpose: LangGraph runs a plain function of an async graph in a thread
    # pool (a thread hop and its GIL hand-offs at every conditional edge, ~0.1 ms each).
    return END if state["route"] == "end" else state["route"]


def build_graph(
    thinking: ThinkingNodes,
    acting: ActingNodes,
    approvals: ApprovalNodes,
    checkpointer: BaseCheckpointSaver[str],
) -> RunGraph:
    graph = StateGraph(RunState, context_schema=RunContext)
    graph.add_node("think", thinking.think)
    graph.add_node("answer", thinking.answer)
    graph.add_node("act", acting.act)
    graph.add_node("ask", approvals.ask)
    graph.add_node("await_decision", approvals.await_decision)
    graph.add_node("execute", approvals.execute)
    graph.add_node("reject", approvals.reject)
    graph.add_node("expire", approvals.expire)
    graph.set_entry_point("think")
    graph.add_conditional_edges("think", _route, ["act", "answer"])
    graph.add_conditional_edges("act", _route, ["act", "ask", "think"])
    graph.add_edge("ask", "await_decision")
    graph.add_conditional_edges("await_decision", _route, ["execute", "reject", "expire"])
    graph.add_conditional_edges("execute", _route, ["act", "think"])
    graph.add_edge("reject", "think")
    graph.add_edge("expire", END)
    graph.add_edge("answer", END)
    return graph.compile(checkpointer=checkpointer)
