"""`RunUpdate` lists the same fields as `RunProgress`, each optional (state.py says why both
lists are written out): a field added to one and not the other fails here, not in a run."""

from typing import get_type_hints

from aura.agent.runtime.state import RunInputs, RunProgress, RunState, RunUpdate


def test_a_node_may_update_exactly_the_fields_of_the_run_s_progress():
    assert get_type_hints(RunUpdate) == get_type_hints(RunProgress)
    assert RunUpdate.__required_keys__ == frozenset()
    assert RunProgress.__optional_keys__ == frozenset()


def test_the_state_is_its_inputs_and_its_progress_and_nothing_else():
    assert get_type_hints(RunState) == get_type_hints(RunInputs) | get_type_hints(RunProgress)
    assert RunState.__optional_keys__ == frozenset()
    assert not set(get_type_hints(RunInputs)) & set(get_type_hints(RunUpdate))
