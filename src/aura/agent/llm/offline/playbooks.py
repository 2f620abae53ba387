"""The plan for each intent: which steps, in which order, fed by which results."""

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from aura.agent.llm.offline.addresses import address_of
from aura.agent.llm.offline.lexicon import State
from aura.agent.llm.offline.plans import (
    DEFAULT_LIST_LIMIT,
    EVERYTHING_LIMIT,
    MAX_SELECTED_READS,
    SUMMARY_LIST_LIMIT,
    Plan,
    Planner,
    Results,
    Step,
    completed,
    found_ids,
)
from aura.agent.llm.offline.toolbox import Action

LOOKUP_LIMIT = 1
MAX_NAMED_RECIPIENTS = 3


def _browse(planner: Planner) -> Plan:
    everything = EVERYTHING_LIMIT if planner.intent.everything else DEFAULT_LIST_LIMIT
    return Plan([planner.find_step(planner.intent.count or everything)])


def _open(planner: Planner, key: str, message_id: str, missing_ok: bool = False) -> Step:
    arguments = {"id": message_id, "missing_ok": True} if missing_ok else {"id": message_id}
    return planner.step(key, "read", lambda _: arguments, id=message_id)


def _open_found(planner: Planner, key: str, find_id: str) -> Step:
    def arguments(results: Results) -> dict[str, Any] | None:
        ids = found_ids(results, find_id)
        return {"id": ids[0]} if ids else None

    return planner.step(key, "read", arguments, id="")


def _page_item_missing(results: Results) -> bool:
    opened = completed(results, "step-open")
    return opened is not None and opened.get("found") is False


def _read(planner: Planner, results: Results) -> Plan:
    intent = planner.intent
    # "tl;dr", "요약해줘" with a mail open and nothing else said: the open mail is meant.
    on_page = planner.uses_item() or (planner.reads_open_mail() and not planner.uses_selection())
    if on_page and planner.page.item_id:
        steps = [_open(planner, "open", planner.page.item_id, missing_ok=True)]
        if _page_item_missing(results):
            # The page pointed at a mail that no longer exists: ignore it, read the newest.
            fallback = planner.with_intent(replace(intent, deixis=None), {})
            steps += [fallback.find_step(1), _open_found(fallback, "open-found", "step-find")]
        return Plan(steps)
    if planner.uses_selection():
        ids = planner.selection()[:MAX_SELECTED_READS]
        return Plan([_open(planner, f"open-{n}", i) for n, i in enumerate(ids, 1)])
    limit = intent.count or (SUMMARY_LIST_LIMIT if intent.state or intent.everything else 1)
    if limit == 1:
        return Plan([planner.find_step(1), _open_found(planner, "open-found", "step-find")])
    return Plan([planner.find_step(limit)])


def _act(
    planner: Planner, action: Action, extra: dict[str, Any], folder: str | None = None
) -> Plan:
    """Find the mails (or take them from the page), then act on them."""

    def on(ids_of: Callable[[Results], list[str]]) -> Step:
        def arguments(results: Results) -> dict[str, Any] | None:
            ids = ids_of(results)
            return {"ids": ids, **extra} if ids else None

        return planner.step(planner.toolbox.name(action), action, arguments)

    item_id = planner.page.item_id
    if planner.uses_item() and item_id:

        def if_found(results: Results) -> list[str]:
            opened = completed(results, "step-open")
            return [item_id] if opened and opened.get("found") else []

        return Plan([_open(planner, "open", item_id, missing_ok=True), on(if_found)])
    if planner.uses_selection():
        selected = planner.selection()
        return Plan([on(lambda _: selected)])
    if planner.intent.deixis in ("item", "selected"):
        return Plan(missing="target")  # "this mail", "them" with nothing on the page: ask
    limit = planner.query_limit()
    if limit is None:
        return Plan(missing="target")
    return Plan([planner.find_step(limit, folder), on(lambda r: found_ids(r, "step-find"))])


def _mark(planner: Planner) -> Plan:
    intent = planner.intent
    if intent.state is None and not (planner.uses_item() or planner.uses_selection()):
        # "모두 읽음으로 표시": the mails that are not yet in the state asked for.
        state: State = "unread" if intent.mark_as == "read" else "read"
        planner = planner.with_intent(replace(intent, state=state), {})
    return _act(planner, "mark", {"read": intent.mark_as == "read"})


def _lookup(planner: Planner, number: int, name: str) -> Step:
    arguments = {"sender": name, "folder": "inbox", "limit": LOOKUP_LIMIT}
    return planner.step(f"lookup-{number}", "search", lambda _: arguments, name=name)


def _send(planner: Planner) -> Plan:
    intent = planner.intent
    if not intent.recipients and not intent.recipient_names:
        return Plan(missing="recipient")
    if not intent.body:
        return Plan(missing="content")
    names = intent.recipient_names[:MAX_NAMED_RECIPIENTS]
    lookups = [_lookup(planner, n, name) for n, name in enumerate(names, 1)]

    def arguments(results: Results) -> dict[str, Any] | None:
        found = [address_of(completed(results, step.id)) for step in lookups]
        if any(address is None for address in found):
            return None
        to = list(dict.fromkeys([*intent.recipients, *(a for a in found if a)]))
        return {"to": to, "subject": intent.subject, "body": intent.body}

    send = planner.step("send", "send", arguments, to=", ".join(intent.recipients + names))
    return Plan([*lookups, send])


def plan_for(planner: Planner, results: Results) -> Plan:
    kind = planner.intent.kind
    if kind in ("list", "search"):
        return _browse(planner)
    if kind in ("read", "summarise"):
        return _read(planner, results)
    if kind == "delete":
        return _act(planner, "delete", {})
    if kind == "restore":
        return _act(planner, "restore", {}, folder="trash")
    if kind == "mark":
        return _mark(planner)
    if kind == "send":
        return _send(planner)
    return Plan()
