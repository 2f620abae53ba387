// The approval card for one HITL request (SPEC §5.3 `hitl`, §6): what will happen in words, the
// preview, the exact parameters, a countdown to expiresAt, Approve, Reject with a reason, and
// editing before approving (untick mails, or change the parameters as JSON).

import { ApiError } from "./api.js";
import { announce, clock, h, nowSeconds, pretty, shortDate } from "./dom.js";

let cardCount = 0;

function mailPreview(request) {
  const ids = request.params && request.params.ids;
  const preview = request.preview;
  if (!Array.isArray(ids) || !Array.isArray(preview)) return null;
  if (!preview.every((item) => item && typeof item === "object" && ids.includes(item.id))) return null;
  return preview;
}

function rowsTable(rows) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value) => (typeof value === "string" ? value : JSON.stringify(value));
  return h("table", { class: "preview-rows" },
    h("thead", {}, h("tr", {}, columns.map((column) => h("th", { scope: "col" }, column)))),
    h("tbody", {}, rows.map((row) => h("tr", {}, columns.map((column) => h("td", {}, cell(row[column] ?? "")))))));
}

function genericPreview(preview) {
  if (preview === null || preview === undefined) return null;
  if (Array.isArray(preview) && preview.length && preview.every((row) => row && typeof row === "object" && !Array.isArray(row))) {
    return rowsTable(preview);
  }
  if (typeof preview !== "object" || Array.isArray(preview)) {
    return h("pre", { class: "preview-text" }, typeof preview === "string" ? preview : pretty(preview));
  }
  const list = h("dl", { class: "preview-fields" });
  for (const [key, value] of Object.entries(preview)) {
    list.append(h("dt", {}, key), h("dd", {}, typeof value === "string" ? value : pretty(value)));
  }
  return list;
}

export class ApprovalCard {
  // request: {requestId, actionType, message, params, preview, expiresAt, userId?}
  // options: {gateway, requester: show who asked, onDecided(status)}
  constructor(request, { gateway, showRequester = false, onDecided = () => {} }) {
    this.request = request;
    this.gateway = gateway;
    this.onDecided = onDecided;
    this.original = request.params || {};
    this.settled = false;
    this.number = ++cardCount;
    this.element = this.build(showRequester);
    this.tick();
    this.timer = setInterval(() => this.tick(), 1000);
  }

  build(showRequester) {
    const id = `approval-${this.number}`;
    const request = this.request;
    this.countdown = h("span", { class: "countdown", role: "timer", "aria-live": "off" });
    this.paramsView = h("pre", { class: "params", id: `${id}-params` }, JSON.stringify(this.original));
    this.status = h("p", { class: "approval-status", role: "status" });
    this.approveButton = h("button", { type: "button", class: "approve", onclick: () => this.approve() }, "Approve");
    this.reason = h("input", { id: `${id}-reason`, type: "text", maxlength: "500", placeholder: "optional" });
    this.reason.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        this.reject();
      }
    });
    this.rejectButton = h("button", { type: "button", class: "reject", onclick: () => this.reject() }, "Reject");
    this.editButton = h("button", { type: "button", class: "edit", "aria-expanded": "false", onclick: () => this.toggleEditor() }, "Edit parameters");
    this.editor = h("textarea", { id: `${id}-editor`, class: "params-editor", rows: "6", spellcheck: "false" });
    this.editorBox = h("div", { class: "editor", hidden: true },
      h("label", { for: `${id}-editor` }, "Parameters to run (JSON)"), this.editor);
    this.editor.addEventListener("input", () => this.showParams());

    this.mailBoxes = [];
    const mails = mailPreview(request);
    let preview;
    if (mails) {
      preview = h("fieldset", { class: "preview mails" },
        h("legend", {}, "What it will touch — untick a mail to leave it out"),
        mails.map((mail) => {
          const box = h("input", { type: "checkbox", checked: true, value: mail.id });
          box.addEventListener("change", () => this.syncFromBoxes());
          this.mailBoxes.push(box);
          return h("label", { class: "mail-choice" }, box,
            h("span", { class: "mail-from" }, mail.from || ""),
            h("span", { class: "mail-subject" }, mail.subject || "(no subject)"),
            h("span", { class: "mail-date" }, shortDate(mail.receivedAt)));
        }));
    } else {
      const body = genericPreview(request.preview);
      preview = body && h("div", { class: "preview" }, h("h4", {}, "What it will touch"), body);
    }

    return h("section", { class: "approval", "aria-labelledby": `${id}-title`, dataset: { requestId: request.requestId } },
      h("header", {},
        h("h3", { id: `${id}-title`, tabindex: "-1" }, `Approval needed: ${request.actionType || request.action || "action"}`),
        this.countdown),
      showRequester && request.userId ? h("p", { class: "requester" }, `Requested by ${request.userId}`) : null,
      h("p", { class: "approval-message" }, request.message || ""),
      preview,
      h("div", { class: "exact" }, h("h4", {}, "Exact parameters"), this.paramsView),
      this.editorBox,
      h("div", { class: "actions" },
        this.approveButton,
        this.editButton,
        h("span", { class: "reject-group" },
          h("label", { for: `${id}-reason` }, "Reason"), this.reason, this.rejectButton)),
      this.status);
  }

  focus() {
    this.element.querySelector("h3").focus({ preventScroll: true });
  }

  // The parameters that Approve will send, or an Error whose message says why there are none.
  params() {
    if (!this.editorBox.hidden) {
      try {
        const edited = JSON.parse(this.editor.value);
        if (!edited || typeof edited !== "object" || Array.isArray(edited)) {
          return new Error("The parameters must be a JSON object.");
        }
        return edited;
      } catch (error) {
        return new Error(`The parameters are not valid JSON: ${error.message}`);
      }
    }
    if (this.mailBoxes.length) {
      const ids = this.mailBoxes.filter((box) => box.checked).map((box) => box.value);
      if (!ids.length) return new Error("Keep at least one mail, or reject the request.");
      return { ...this.original, ids };
    }
    return this.original;
  }

  edited(params) {
    return JSON.stringify(params) !== JSON.stringify(this.original);
  }

  syncFromBoxes() {
    if (!this.editorBox.hidden) {
      const ids = this.mailBoxes.filter((box) => box.checked).map((box) => box.value);
      try {
        this.editor.value = pretty({ ...JSON.parse(this.editor.value), ids });
      } catch {
        this.editor.value = pretty({ ...this.original, ids });
      }
    }
    this.showParams();
  }

  showParams() {
    const params = this.params();
    if (params instanceof Error) {
      this.paramsView.textContent = params.message;
      this.paramsView.classList.add("invalid");
      this.approveButton.disabled = true;
      this.approveButton.textContent = "Approve";
      return;
    }
    this.paramsView.classList.remove("invalid");
    this.paramsView.textContent = JSON.stringify(params);
    this.approveButton.disabled = this.settled;
    const kept = Array.isArray(params.ids) && Array.isArray(this.original.ids) && params.ids.length !== this.original.ids.length;
    this.approveButton.textContent = kept
      ? `Approve ${params.ids.length} of ${this.original.ids.length}`
      : this.edited(params) ? "Approve edited" : "Approve";
  }

  toggleEditor() {
    const opening = this.editorBox.hidden;
    if (opening) {
      const params = this.params();
      this.editor.value = pretty(params instanceof Error ? this.original : params);
    }
    this.editorBox.hidden = !opening;
    this.editButton.setAttribute("aria-expanded", String(opening));
    this.editButton.textContent = opening ? "Close editor" : "Edit parameters";
    if (opening) this.editor.focus();
    this.showParams();
  }

  tick() {
    if (!this.element.isConnected && this.settled) return this.stop();
    const left = Number(this.request.expiresAt || 0) - nowSeconds();
    if (this.settled) return;
    if (left <= 0) {
      this.countdown.textContent = "Expired";
      this.settle("expired", "This request expired before anyone decided; nothing was done.");
      return;
    }
    this.countdown.textContent = `Expires in ${clock(left)}`;
    this.countdown.classList.toggle("urgent", left <= 30);
  }

  stop() {
    clearInterval(this.timer);
  }

  setBusy(busy) {
    for (const control of this.element.querySelectorAll("button, input, textarea")) {
      control.disabled = busy || this.settled;
    }
  }

  async approve() {
    const params = this.params();
    if (params instanceof Error) {
      this.status.textContent = params.message;
      return;
    }
    await this.decide("approved", () =>
      this.gateway.approve(this.request.requestId, this.edited(params) ? params : undefined));
  }

  async reject() {
    const reason = this.reason.value.trim();
    await this.decide("rejected", () => this.gateway.reject(this.request.requestId, reason));
  }

  async decide(wanted, call) {
    this.setBusy(true);
    this.status.textContent = wanted === "approved" ? "Approving…" : "Rejecting…";
    try {
      const outcome = await call();
      const status = (outcome.data && outcome.data.status) || wanted;
      const again = outcome.status === 409 ? " (it had already been decided)" : "";
      this.settle(status, `${status === "approved" ? "Approved" : "Rejected"}${again}.`);
      this.onDecided(status);
    } catch (error) {
      const final = error instanceof ApiError && (error.code === "E3002" || error.status === 404);
      this.status.textContent = error.message;
      if (final) this.settle("closed", error.message);
      else this.setBusy(false);
    }
  }

  // Mark the request decided (here, elsewhere, or by timeout); the card stays as a record.
  settle(status, text) {
    if (this.settled) return;
    this.settled = true;
    this.stop();
    this.element.classList.add("settled", `settled-${status}`);
    this.countdown.textContent = { approved: "Approved", rejected: "Rejected", expired: "Expired" }[status] || "Closed";
    if (text) this.status.textContent = text;
    announce(text || `Request ${status}.`);
    this.setBusy(true);
  }
}

export function cardFromRecord(record) {
  return {
    requestId: record.requestId,
    actionType: record.actionType,
    message: record.message,
    params: record.params,
    preview: record.preview,
    expiresAt: record.expiresAt,
    userId: record.userId,
  };
}
