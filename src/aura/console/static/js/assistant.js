// The assistant column: the prompt box and the conversation. Each prompt starts a run whose
// events are rendered by a RunView and kept in sessionStorage with the run id and the last event
// id, so that a reload shows the conversation again and re-attaches to a run still going. A run
// found waiting in "My requests" (after logging in again, say) is attached the same way.

import { h } from "./dom.js";
import { t } from "./i18n.js";
import { followRun } from "./stream.js";
import { RunView } from "./run_view.js";
import { saveTurns, savedTurns } from "./store.js";

export class Assistant {
  // elements: {form, prompt, send, stop, log, error}
  // options: {context(), examples(), name, onMailChanged(), onApproval(card)}
  constructor(elements, gateway, options) {
    this.el = elements;
    this.gateway = gateway;
    this.options = options;
    this.turns = [];
    this.active = null;
    this.el.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.ask(this.el.prompt.value);
    });
    this.el.prompt.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.el.form.requestSubmit();
      }
    });
    this.el.stop.addEventListener("click", () => this.cancel());
  }

  view(turn) {
    return new RunView(turn, {
      gateway: this.gateway,
      onMailChanged: this.options.onMailChanged,
      onApproval: this.options.onApproval,
    });
  }

  // A greeting and a few requests that work with what is on the page; clicking one fills the
  // prompt (it is not sent: the person may want to change it).
  greet() {
    this.greeting?.remove();
    if (this.turns.length) return;
    const examples = this.options.examples().map((text) =>
      h("li", {}, h("button", { type: "button", class: "example", onclick: () => {
        this.el.prompt.value = text;
        this.el.prompt.focus();
      } }, text)));
    this.greeting = h("section", { class: "greeting", "aria-labelledby": "greeting-text" },
      h("p", { id: "greeting-text" }, t("assistant.greeting", { name: this.options.name })),
      h("p", { class: "examples-label" }, t("assistant.examplesLabel")),
      h("ul", { class: "examples" }, examples));
    this.el.log.prepend(this.greeting);
  }

  // Show the saved conversation; re-attach to the run that had not finished.
  restore() {
    this.turns = savedTurns();
    for (const turn of this.turns) {
      const view = this.view(turn);
      this.el.log.append(view.element);
      for (const raw of turn.events) view.handle(raw, { replay: true });
      if (!turn.done && !turn.runId) {
        // Never re-send a prompt: without a run id there is nothing to re-attach to.
        turn.done = true;
        turn.failed = t("assistant.interrupted");
        view.fail(turn.failed);
      } else if (!turn.done) {
        view.note(t("assistant.reattaching"));
        view.refreshCards();
        this.follow(turn, view);
      } else if (!turn.ended) {
        view.finish(turn.failed ? "failed" : "completed", turn.failed || "", true);
      }
    }
    saveTurns(this.turns);
    this.greet();
    this.el.log.lastElementChild?.scrollIntoView({ block: "end" });
  }

  // Attach to a run of this person that waits for a decision (from "My requests").
  attach(record) {
    const known = this.turns.find((turn) => turn.runId === record.runId);
    if (known) {
      this.el.log.querySelector(`.turn[data-run-id="${CSS.escape(record.runId)}"]`)?.scrollIntoView({ block: "start" });
      return;
    }
    if (this.active) {
      this.el.error.textContent = t("assistant.busy");
      return;
    }
    const turn = { prompt: null, createdAt: record.createdAt, threadId: null, runId: record.runId,
      lastEventId: null, events: [], done: false };
    this.start(turn);
  }

  lastThread() {
    const withThread = [...this.turns].reverse().find((turn) => turn.threadId);
    return withThread ? withThread.threadId : null;
  }

  ask(text) {
    const prompt = text.trim();
    this.el.error.textContent = "";
    if (!prompt) {
      this.el.error.textContent = t("assistant.empty");
      return;
    }
    if (this.active) {
      this.el.error.textContent = t("assistant.busy");
      return;
    }
    this.el.prompt.value = "";
    this.start({ prompt, threadId: this.lastThread(), runId: null, lastEventId: null, events: [], done: false });
  }

  start(turn) {
    this.greeting?.remove();
    this.turns.push(turn);
    const view = this.view(turn);
    this.el.log.append(view.element);
    view.element.scrollIntoView({ block: "end" });
    saveTurns(this.turns);
    this.follow(turn, view);
  }

  setRunning(running) {
    this.el.send.disabled = running;
    this.el.stop.hidden = !running;
  }

  async follow(turn, view) {
    const controller = new AbortController();
    this.active = { turn, view, controller };
    this.setRunning(true);
    try {
      await followRun(this.gateway, turn, {
        signal: controller.signal,
        context: this.options.context(),
        onNotice: (text) => view.note(text),
        onOpen: () => view.note(""),
        onEvent: (event) => {
          const log = this.el.log;
          // Follow the run as it grows, unless the person scrolled up to read something.
          const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
          turn.events.push({ type: event.type, data: event.data, id: event.id });
          if (event.type === "start" && event.data.threadId) turn.threadId = event.data.threadId;
          view.handle(event);
          saveTurns(this.turns);
          // The approval card places itself (RunView.approval).
          if (atBottom && event.type !== "hitl") log.scrollTop = log.scrollHeight;
        },
      });
      if (!turn.done && controller.signal.aborted) {
        turn.done = true;
        turn.failed = t("assistant.stopped");
        view.fail(turn.failed);
      }
    } catch (error) {
      turn.done = true;
      turn.failed = error.message;
      view.fail(error.message);
    } finally {
      saveTurns(this.turns);
      if (this.active && this.active.turn === turn) this.active = null;
      this.setRunning(false);
      this.options.onMailChanged();
      this.options.onRunEnded?.();
    }
  }

  async cancel() {
    const active = this.active;
    if (!active) return;
    if (!active.turn.runId) {
      active.controller.abort();
      return;
    }
    active.view.note(t("assistant.cancelling"));
    try {
      await this.gateway.cancel(active.turn.runId);
    } catch (error) {
      // Next to the Stop button, where the person pressed it.
      this.el.error.textContent = error.message;
      active.view.note("");
    }
  }

  stop() {
    this.active?.controller.abort();
  }
}
