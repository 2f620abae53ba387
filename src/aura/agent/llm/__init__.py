"""Chat model providers behind one interface: the offline planner and OpenAI-compatible APIs."""
