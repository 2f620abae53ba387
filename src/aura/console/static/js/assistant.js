// The assistant column: the prompt box and the conversation. Each prompt starts a run whose
// events are rendered by a RunView and kept in sessionStorage with the run id and the last event
// id, so that a reload shows the conversation again and re-attaches to a run still going.

import { followRun } from "./stream.js";
import { RunView } from "./run_view.js";
import { saveTurns, savedTurns } from "./store.js";

export class Assistant {
  // elements: {form, prompt, send, stop, log, context, error}
  constructor(elements, gateway, { context, onMailChanged }) {
    this.el = elements;
    this.gateway = gateway;
    this.context = context;
    this.onMailChanged = onMailChanged;
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
    return new RunView(turn, { gateway: this.gateway, onMailChanged: this.onMailChanged });
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
        turn.failed = "This request was interrupted before Aura started on it; ask again.";
        view.fail(turn.failed);
      } else if (!turn.done) {
        view.note("Re-attaching to the run…");
        view.refreshCards();
        this.follow(turn, view);
      } else if (!turn.ended) {
        view.finish(turn.failed ? "failed" : "completed", turn.failed || "");
      }
    }
    saveTurns(this.turns);
    this.el.log.lastElementChild?.scrollIntoView({ block: "end" });
  }

  lastThread() {
    const withThread = [...this.turns].reverse().find((turn) => turn.threadId);
    return withThread ? withThread.threadId : null;
  }

  ask(text) {
    const prompt = text.trim();
    this.el.error.textContent = "";
    if (!prompt) {
      this.el.error.textContent = "Type what you would like Aura to do.";
      return;
    }
    if (this.active) {
      this.el.error.textContent = "Aura is still working on the last request; wait for it or stop it.";
      return;
    }
    const turn = { prompt, threadId: this.lastThread(), runId: null, lastEventId: null, events: [], done: false };
    this.turns.push(turn);
    const view = this.view(turn);
    this.el.log.append(view.element);
    view.element.scrollIntoView({ block: "end" });
    this.el.prompt.value = "";
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
        context: this.context(),
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
        turn.failed = "Stopped before Aura answered.";
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
      this.onMailChanged();
    }
  }

  async cancel() {
    const active = this.active;
    if (!active) return;
    if (!active.turn.runId) {
      active.controller.abort();
      return;
    }
    try {
      await this.gateway.cancel(active.turn.runId);
      active.view.note("Cancelling…");
    } catch (error) {
      active.view.note(error.message);
    }
  }

  stop() {
    this.active?.controller.abort();
  }
}
