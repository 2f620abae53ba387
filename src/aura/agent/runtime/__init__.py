"""The agent runtime on LangGraph: yields typed events, knows nothing about HTTP."""
