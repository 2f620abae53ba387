// One turn of the conversation: the prompt and everything its run streams (SPEC §5.3-§5.5),
// rendered as it arrives: the four phases, thoughts, the plan as a checklist, each tool call with
// its status and result, the approval card, and the answer.

import { ApprovalCard } from "./approval.js";
import { announce, h, pretty, replaceChildren } from "./dom.js";
import { renderMarkdown } from "./markdown.js";

const PHASES = ["analysis", "planning", "execution", "verification"];
const PLAN_MARKS = {
  pending: "○",
  approved: "✓",
  executing: "◐",
  completed: "✔",
  failed: "✘",
  skipped: "–",
};
const END_TEXT = {
  completed: "Done.",
  rejected: "Stopped: the action was rejected.",
  failed: "The run failed.",
  cancelled: "The run was cancelled.",
};

function toolSummary(result) {
  if (result && typeof result === "object") {
    const mails = result.messages || result.items;
    if (Array.isArray(mails)) {
      const subjects = mails.slice(0, 5).map((mail) => mail.subject).filter(Boolean);
      const more = mails.length > 5 ? ` and ${mails.length - 5} more` : "";
      return `${mails.length} mail(s)${subjects.length ? `: ${subjects.join(", ")}` : ""}${more}`;
    }
  }
  const text = typeof result === "string" ? result : JSON.stringify(result);
  return text && text.length > 160 ? `${text.slice(0, 159)}…` : text || "";
}

function resultBlock(block) {
  const body = (() => {
    if (block.type === "checklist" && Array.isArray(block.content)) {
      return h("ul", { class: "checklist" }, block.content.map((item) =>
        h("li", {}, typeof item === "string" ? item : item.title || item.text || JSON.stringify(item))));
    }
    if (block.type === "diff") return h("pre", { class: "diff" }, String(block.content));
    if (typeof block.content === "string") return h("div", {}, renderMarkdown(block.content));
    return h("pre", {}, pretty(block.content));
  })();
  return h("section", { class: `result-block result-${block.type}` }, h("h4", {}, block.title || "Result"), body);
}

export class RunView {
  // options: {gateway, onMailChanged(), onSettled()}
  constructor(turn, options) {
    this.turn = turn;
    this.options = options;
    this.steps = new Map();
    this.tools = new Map();
    this.cards = new Map();
    this.answerText = "";
    this.thoughtCount = 0;
    this.element = this.build();
  }

  build() {
    this.phaseItems = new Map(PHASES.map((phase) =>
      [phase, h("li", { class: "phase pending", dataset: { phase }, hidden: true }, phase)]));
    this.thoughtList = h("ul", { class: "thought-list" });
    this.thoughtSummary = h("summary", {}, "Thoughts");
    this.thoughts = h("details", { class: "thoughts", open: true, hidden: true }, this.thoughtSummary, this.thoughtList);
    this.plan = h("ol", { class: "plan-list" });
    this.planBox = h("section", { class: "plan", hidden: true }, h("h4", {}, "Plan"), this.plan);
    this.activity = h("div", { class: "activity" });
    this.answer = h("div", { class: "answer", hidden: true });
    this.results = h("div", { class: "results" });
    this.notice = h("p", { class: "run-notice", role: "status" });
    this.status = h("p", { class: "run-status" });
    return h("article", { class: "turn", dataset: { runId: this.turn.runId || "" } },
      h("p", { class: "prompt-bubble" }, this.turn.prompt),
      h("div", { class: "run", "aria-busy": "true" },
        h("ol", { class: "phases", "aria-label": "Progress" }, [...this.phaseItems.values()]),
        this.thoughts, this.planBox, this.activity, this.answer, this.results, this.notice, this.status));
  }

  note(text) {
    this.notice.textContent = text;
  }

  fail(text) {
    this.notice.textContent = "";
    this.activity.append(h("p", { class: "run-error", role: "alert" }, text));
    this.finish("failed", "");
  }

  handle(event, { replay = false } = {}) {
    const data = event.data || {};
    this.notice.textContent = "";
    switch (event.type) {
      case "start":
        this.element.dataset.runId = data.runId || "";
        this.model = data.model;
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
      case "tool_execution":
        this.tool(data, replay);
        break;
      case "hitl":
        this.approval(data, replay);
        break;
      case "content":
        this.content(data);
        break;
      case "error":
        this.activity.append(h("p", { class: "run-error", role: replay ? null : "alert" }, data.message || data.error || "Something went wrong."));
        break;
      case "failed":
        this.cards.get(data.requestId)?.settle("expired", "No decision came in time; nothing was done.");
        break;
      case "end":
        this.finish(data.status, END_TEXT[data.status] || `Run ${data.status}.`);
        break;
      default:
        break;
    }
  }

  thought(data) {
    this.thoughts.hidden = false;
    this.thoughtCount += 1;
    this.thoughtSummary.textContent = `Thoughts (${this.thoughtCount})`;
    this.thoughtList.append(h("li", { class: `thought thought-${data.thoughtType || "analysis"}` },
      h("span", { class: "badge" }, data.thoughtType || "thought"), " ", data.content || ""));
  }

  phase(data) {
    const phase = String(data.id || "").toLowerCase();
    const item = this.phaseItems.get(phase);
    if (!item) return;
    if (data.title) item.textContent = data.title;
    item.hidden = false;
    item.className = `phase ${data.status}`;
    item.title = data.description || "";
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
    if (data.title) step.title.textContent = data.title;
    if (data.description) step.detail.textContent = data.description;
    const status = data.status || "pending";
    step.item.className = `step ${status}`;
    step.item.dataset.status = status;
    step.mark.textContent = PLAN_MARKS[status] || "○";
    step.state.textContent = `${status}: `;
    if (status === "approved") this.settleCards("approved", "Approved; Aura went on with it.");
  }

  tool(data, replay) {
    let call = this.tools.get(data.id);
    if (!call) {
      const status = h("span", { class: "tool-status" });
      const result = h("div", { class: "tool-result" });
      const params = h("code", { class: "tool-params" });
      call = { status, result, params,
        item: h("section", { class: "tool", dataset: { toolId: data.id } },
          h("header", {}, h("span", { class: "tool-name" }, data.tool || "tool"), status), params, result) };
      this.tools.set(data.id, call);
      this.activity.append(call.item);
    }
    if (data.params) call.params.textContent = JSON.stringify(data.params);
    call.item.className = `tool ${data.status}`;
    call.item.dataset.status = data.status;
    call.status.textContent = data.status === "executing" ? "running…" : data.status;
    if (data.status === "completed") {
      replaceChildren(call.result, toolSummary(data.result),
        h("details", {}, h("summary", {}, "Result"), h("pre", {}, pretty(data.result))));
      if (data.result && data.result.folder === "trash" && Array.isArray(data.params?.ids)) {
        call.result.append(this.restoreButton(data.params.ids));
      }
      if (!replay) this.options.onMailChanged?.();
    } else if (data.status === "failed") {
      replaceChildren(call.result, h("span", { class: "tool-error" }, data.error || "The tool failed."));
    } else if (data.status === "cancelled") {
      replaceChildren(call.result, "Not run.");
      this.settleCards("rejected", "Rejected; the action was not run.");
    }
  }

  restoreButton(ids) {
    const button = h("button", { type: "button", class: "restore" }, "Undo: restore these mails");
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await this.options.gateway.restore(ids);
        button.textContent = "Restored";
        this.options.onMailChanged?.();
      } catch (error) {
        button.disabled = false;
        button.after(h("span", { class: "tool-error" }, ` ${error.message}`));
      }
    });
    return button;
  }

  approval(data, replay) {
    const card = new ApprovalCard(data, { gateway: this.options.gateway });
    this.cards.set(data.requestId, card);
    this.activity.append(card.element);
    if (!replay) {
      announce("Aura needs your approval before it continues.");
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
          card.settle(record.status, `This request was ${record.status}.`);
        }
      } catch {
        // The stream itself will say what became of the request.
      }
    }
  }

  settleCards(status, text) {
    for (const card of this.cards.values()) card.settle(status, text);
  }

  content(data) {
    this.answerText += data.content || "";
    this.answer.hidden = false;
    replaceChildren(this.answer, renderMarkdown(this.answerText));
    const block = data.metadata && data.metadata.result;
    // A text result that repeats the streamed answer would only show it twice.
    const repeats = block && block.type === "text" && String(block.content).trim() === this.answerText.trim();
    if (block && !repeats) this.results.append(resultBlock(block));
  }

  finish(status, text) {
    this.element.querySelector(".run").setAttribute("aria-busy", "false");
    this.element.classList.add(`ended-${status}`);
    this.element.dataset.status = status;
    this.status.className = `run-status ${status}`;
    this.status.textContent = text;
    for (const card of this.cards.values()) {
      if (!card.settled) card.settle(status === "rejected" ? "rejected" : "closed", "");
    }
  }
}
