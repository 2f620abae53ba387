// One turn of the conversation: the prompt and everything its run streams (docs/stream.md#events),
// rendered as it arrives: the four phases, thoughts, the plan as a checklist, each tool call in
// words with what its result means, the approval card, and the answer. When the run ends in any
// way, nothing is left looking "in progress".
//
// Tool calls: `tool_call_start` (running) → one `tool_execution` (completed | failed), or
// `tool_call_cancelled` for a gated call that never ran. The older vocabulary (`tool_execution`
// with `executing` / `cancelled`) is read as well.

import { ApprovalCard } from "./approval.js";
import { announce, h, replaceChildren } from "./dom.js";
import { contentLang, t, when } from "./i18n.js";
import { withSubjects } from "./mail_names.js";
import { renderMarkdown } from "./markdown.js";
import { details, meaning, toolTitle } from "./tool_results.js";

const PHASES = ["analysis", "planning", "execution", "verification"];
const PLAN_MARKS = {
  pending: "○",
  approved: "✓",
  executing: "◐",
  completed: "✔",
  failed: "✘",
  skipped: "–",
  stopped: "–",
};
const UNFINISHED = new Set(["pending", "approved", "executing"]);
// After an approval the run normally goes on within a second or two; past this, say so.
const SLOW_AFTER_APPROVAL_MS = 10000;

function resultBlock(block) {
  const body = (() => {
    if (block.type === "checklist" && Array.isArray(block.content)) {
      return h("ul", { class: "checklist" }, block.content.map((item) =>
        h("li", {}, typeof item === "string" ? item : item.title || item.text || JSON.stringify(item))));
    }
    if (block.type === "diff") return h("pre", { class: "diff" }, String(block.content));
    if (typeof block.content === "string") return h("div", { lang: contentLang(block.content) }, renderMarkdown(block.content));
    return h("pre", {}, JSON.stringify(block.content, null, 2));
  })();
  return h("section", { class: `result-block result-${block.type}` }, h("h4", { lang: contentLang(block.title) }, block.title || ""), body);
}

export class RunView {
  // options: {gateway, onMailChanged(), onApproval(card), slowAfterMs}
  constructor(turn, options) {
    this.turn = turn;
    this.options = options;
    this.steps = new Map();
    this.tools = new Map();
    this.cards = new Map();
    this.decidedHere = new Set();
    this.answerText = "";
    this.thoughtCount = 0;
    this.slowTimer = null;
    this.element = this.build();
  }

  build() {
    this.phaseItems = new Map(PHASES.map((phase) => {
      const state = h("span", { class: "visually-hidden" });
      const item = h("li", { class: "phase pending", dataset: { phase }, hidden: true }, t(`phase.${phase}`), state);
      item.state = state;
      return [phase, item];
    }));
    this.thoughtList = h("ul", { class: "thought-list" });
    this.thoughtSummary = h("summary", {}, t("thoughts", { n: 0 }));
    this.thoughts = h("details", { class: "thoughts", hidden: true }, this.thoughtSummary, this.thoughtList);
    this.plan = h("ol", { class: "plan-list" });
    this.planBox = h("section", { class: "plan", hidden: true }, h("h4", {}, t("plan.heading")), this.plan);
    this.activity = h("div", { class: "activity" });
    this.answer = h("div", { class: "answer", hidden: true });
    this.results = h("div", { class: "results" });
    this.notice = h("p", { class: "run-notice", role: "status" });
    this.status = h("p", { class: "run-status" });
    const prompt = this.turn.prompt
      ? h("p", { class: "prompt-bubble", lang: contentLang(this.turn.prompt) }, this.turn.prompt)
      : h("p", { class: "prompt-bubble resumed" }, t("assistant.resumed", { time: when(this.turn.createdAt) }));
    return h("article", { class: "turn", dataset: { runId: this.turn.runId || "" } },
      prompt,
      h("div", { class: "run", "aria-busy": "true" },
        h("ol", { class: "phases", "aria-label": t("phase.label") }, [...this.phaseItems.values()]),
        this.thoughts, this.planBox, this.activity, this.answer, this.results, this.notice, this.status));
  }

  note(text) {
    this.notice.textContent = text;
  }

  fail(text) {
    this.notice.textContent = "";
    this.activity.append(h("p", { class: "run-error", role: "alert" }, text));
    this.finish("failed", t("end.failed"));
  }

  handle(event, { replay = false } = {}) {
    const data = event.data || {};
    this.notice.textContent = "";
    clearTimeout(this.slowTimer);
    switch (event.type) {
      case "start":
        this.element.dataset.runId = data.runId || "";
        break;
      case "thought":
        this.thought(data);
        break;
      case "timeline_step_update":
        this.phase(data);
        break;
      case "plan_step":
      case "plan_step_update":
        this.planStep(data);
        break;
      case "tool_call_start":
        this.toolStarted(data);
        break;
      case "tool_execution":
        this.tool(data, replay);
        break;
      case "tool_call_cancelled":
        this.notRun(data, data.cause === "expired" ? "expired" : "rejected", data.reason);
        break;
      case "hitl":
        this.approval(data, replay);
        break;
      case "content":
        this.content(data);
        break;
      case "error":
        this.activity.append(h("p", { class: "run-error", role: replay ? null : "alert", lang: contentLang(data.message) },
          data.message || data.error || t("run.error")));
        break;
      case "failed":
        this.cards.get(data.requestId)?.settle("expired", t("run.expired"));
        break;
      case "end":
        this.finish(data.status, t(`end.${data.status}`), replay);
        break;
      default:
        break;
    }
  }

  thought(data) {
    this.thoughts.hidden = false;
    this.thoughtCount += 1;
    this.thoughtSummary.textContent = t("thoughts", { n: this.thoughtCount });
    const content = withSubjects(data.content);
    this.thoughtList.append(h("li", { class: `thought thought-${data.thoughtType || "analysis"}`, lang: contentLang(content) }, content));
  }

  phase(data) {
    const item = this.phaseItems.get(String(data.id || "").toLowerCase());
    if (!item) return;
    this.setPhase(item, data.status || "pending");
    item.title = data.description || "";
  }

  setPhase(item, status) {
    item.hidden = false;
    item.className = `phase ${status}`;
    item.dataset.status = status;
    item.state.textContent = `: ${t(`phase.status.${status}`)}`;
  }

  planStep(data) {
    this.planBox.hidden = false;
    let step = this.steps.get(data.id);
    if (!step) {
      const mark = h("span", { class: "mark", "aria-hidden": "true" });
      const state = h("span", { class: "visually-hidden" });
      const title = h("span", { class: "step-title" });
      const detail = h("span", { class: "step-detail" });
      step = { mark, state, title, detail, order: data.order ?? this.steps.size,
        item: h("li", { class: "step", dataset: { stepId: data.id } }, mark, state, title, detail) };
      this.steps.set(data.id, step);
      const after = [...this.steps.values()].filter((s) => s !== step && s.order > step.order)
        .sort((a, b) => a.order - b.order)[0];
      this.plan.insertBefore(step.item, after ? after.item : null);
    }
    if (data.title) {
      step.title.textContent = withSubjects(data.title);
      step.title.lang = contentLang(data.title);
    }
    if (data.description) {
      step.detail.textContent = withSubjects(data.description);
      step.detail.lang = contentLang(data.description);
    }
    this.setStep(step, data.status || step.item.dataset.status || "pending");
    if (data.status === "approved") this.settleCards("approved");
  }

  setStep(step, status) {
    step.item.className = `step ${status}`;
    step.item.dataset.status = status;
    step.mark.textContent = PLAN_MARKS[status] || "○";
    step.state.textContent = `${t(`plan.status.${status}`)}: `;
  }

  call(data) {
    let call = this.tools.get(data.id);
    if (!call) {
      const status = h("span", { class: "tool-status" });
      const result = h("div", { class: "tool-result" });
      call = { status, result, tool: data.tool,
        item: h("section", { class: "tool", dataset: { toolId: data.id, tool: data.tool || "" } },
          h("header", {}, h("span", { class: "tool-name" }, toolTitle(data.tool || "tool")), status), result) };
      this.tools.set(data.id, call);
      this.activity.append(call.item);
    }
    if (data.params) call.params = data.params;
    return call;
  }

  setTool(call, status) {
    call.item.className = `tool ${status}`;
    call.item.dataset.status = status;
    call.status.textContent = t(`tool.status.${status}`);
  }

  toolStarted(data) {
    const call = this.call(data);
    this.setTool(call, "running");
    replaceChildren(call.result, details(call.params));
    if (data.requiresApproval) this.settleCards("approved");
  }

  tool(data, replay) {
    if (data.status === "executing") return this.toolStarted(data);
    if (data.status === "cancelled") return this.notRun(data, "rejected", "");
    const call = this.call(data);
    if (data.status === "completed") {
      this.setTool(call, "completed");
      replaceChildren(call.result, meaning(data.tool, data.result), details(call.params, data.result));
      const moved = data.result && data.result.folder === "trash"
        && (Array.isArray(data.result.messages) ? data.result.messages.map((m) => m.id) : call.params?.ids);
      if (Array.isArray(moved) && moved.length) call.result.append(this.restoreButton(moved));
      if (!replay) this.options.onMailChanged?.();
    } else if (data.status === "failed") {
      this.setTool(call, "failed");
      replaceChildren(call.result, h("p", { class: "tool-error", lang: contentLang(data.error) }, data.error || t("tool.failed")),
        details(call.params));
    }
  }

  notRun(data, cause, reason) {
    const call = this.call(data);
    this.setTool(call, "cancelled");
    const text = cause === "expired"
      ? t("tool.notRun.expired")
      : t("tool.notRun.rejected", { reason: reason ? ` (${reason})` : "" });
    replaceChildren(call.result, h("p", {}, text), details(call.params));
    this.settleCards(cause === "expired" ? "expired" : "rejected");
  }

  restoreButton(ids) {
    const button = h("button", { type: "button", class: "restore" }, t("tool.undo"));
    const outcome = h("span", { class: "restore-outcome", role: "status" });
    button.addEventListener("click", async () => {
      button.disabled = true;
      outcome.classList.remove("tool-error");
      try {
        await this.options.gateway.restore(ids);
        outcome.textContent = t("tool.undone");
        this.options.onMailChanged?.();
      } catch (error) {
        button.disabled = false;
        outcome.classList.add("tool-error");
        outcome.textContent = error.message;
      }
    });
    return h("div", { class: "undo" }, button, " ", outcome);
  }

  approval(data, replay) {
    const card = new ApprovalCard(data, {
      gateway: this.options.gateway,
      onDecided: (status) => {
        this.decidedHere.add(data.requestId);
        if (status === "approved") {
          const after = this.options.slowAfterMs ?? SLOW_AFTER_APPROVAL_MS;
          this.slowTimer = setTimeout(() => card.note(t("card.slow")), after);
        }
      },
    });
    this.cards.set(data.requestId, card);
    this.activity.append(card.element);
    if (!replay) {
      announce(t("card.needs"));
      this.options.onApproval?.(card);
      // The whole card when it fits, else its top: what will happen comes first.
      const log = this.element.closest(".conversation");
      const fits = !log || card.element.offsetHeight < log.clientHeight;
      card.element.scrollIntoView({ block: fits ? "nearest" : "start" });
      // Take the focus to the decision unless the person is in the middle of typing something.
      const active = document.activeElement;
      const typing = active && ["INPUT", "TEXTAREA"].includes(active.tagName) && active.value.trim();
      if (!typing) card.focus();
    }
  }

  // Replayed after a reload: a card whose request was decided meanwhile must not offer buttons.
  async refreshCards() {
    for (const [requestId, card] of this.cards) {
      if (card.settled) continue;
      try {
        const record = await this.options.gateway.request(requestId);
        if (record.status && record.status !== "pending") {
          card.settle(record.status, "");
          card.explain();
        }
      } catch {
        // The stream itself will say what became of the request.
      }
    }
  }

  // A decision the run has moved on from; when it was made elsewhere, say by whom.
  settleCards(status) {
    for (const [requestId, card] of this.cards) {
      if (card.settled) continue;
      const text = status === "expired" ? t("card.expired") : "";
      card.settle(status, text);
      if (status !== "expired" && !this.decidedHere.has(requestId)) card.explain();
    }
  }

  content(data) {
    this.answerText += data.content || "";
    this.answer.hidden = false;
    this.answer.lang = contentLang(this.answerText);
    replaceChildren(this.answer, renderMarkdown(this.answerText));
    const block = data.metadata && data.metadata.result;
    // A text result that repeats the streamed answer would only show it twice.
    const repeats = block && block.type === "text" && String(block.content).trim() === this.answerText.trim();
    if (block && !repeats) this.results.append(resultBlock(block));
  }

  // The run is over: nothing may still look in progress, and the end is announced.
  finish(status, text, replay = false) {
    clearTimeout(this.slowTimer);
    this.element.querySelector(".run").setAttribute("aria-busy", "false");
    this.element.classList.add(`ended-${status}`);
    this.element.dataset.status = status;
    this.status.className = `run-status ${status}`;
    this.status.textContent = text;
    if (status !== "completed") {
      for (const step of this.steps.values()) {
        if (UNFINISHED.has(step.item.dataset.status)) this.setStep(step, "stopped");
      }
      for (const call of this.tools.values()) {
        if (call.item.dataset.status === "running") this.setTool(call, "cancelled");
      }
    }
    for (const item of this.phaseItems.values()) {
      if (item.dataset.status === "processing") this.setPhase(item, status === "completed" ? "completed" : "stopped");
    }
    for (const card of this.cards.values()) {
      // Decided here: once the run is over, the card keeps who decided and when.
      if (card.settled && !replay && ["approved", "rejected"].includes(card.element.dataset.status)) card.explain({ quiet: true });
      if (card.settled) continue;
      if (status === "rejected") card.settle("rejected", "");
      else if (status === "cancelled") card.settle("closed", t("card.cancelled"));
      else card.settle("closed", t("card.lost"));
    }
    if (!replay) announce(t("end.announce", { status: text, answer: this.answerText.slice(0, 400) }));
  }
}
