// The approval card for one HITL request (the `hitl` event, docs/stream.md#events), written for the person who
// decides: a title that says what will happen, whether it can be undone, the mails themselves
// as the body, and Approve / Reject always in reach. Request ids, the exact parameters and the
// parameter editor sit behind "Details". The editor only narrows: it keeps the checkboxes and
// the JSON in step and refuses ids that the preview did not show (the server would refuse them).

import { ApiError } from "./api.js";
import { announce, clock, h, nowSeconds, pretty } from "./dom.js";
import { contentLang, dateTime, t, when } from "./i18n.js";
import { rememberMails } from "./mail_names.js";

let cardCount = 0;

function mailPreview(request) {
  const ids = request.params && request.params.ids;
  const preview = request.preview;
  if (!Array.isArray(ids) || !Array.isArray(preview) || !preview.length) return null;
  if (!preview.every((item) => item && typeof item === "object" && ids.includes(item.id))) return null;
  return preview;
}

function text(value) {
  return typeof value === "string" ? value : JSON.stringify(value);
}

// A person's name from "Name <address>" or the address itself.
function sender(from) {
  const match = /^\s*"?([^"<]+?)"?\s*<[^>]+>\s*$/.exec(String(from || ""));
  return match ? match[1] : String(from || "");
}

function fields(rows) {
  return h("dl", { class: "preview-fields" }, rows.flatMap(([label, value]) =>
    [h("dt", {}, label), h("dd", { lang: contentLang(value) }, value)]));
}

export class ApprovalCard {
  // request: {requestId, actionType, message, params, preview, expiresAt, userId?}
  // options: {gateway, showRequester: the approver's view, onDecided(status), onSettled(status)}
  constructor(request, { gateway, showRequester = false, onDecided = () => {}, onSettled = () => {} }) {
    this.request = request;
    this.gateway = gateway;
    this.onDecided = onDecided;
    this.onSettled = onSettled;
    this.original = request.params || {};
    this.action = request.actionType || request.action || "action";
    this.mails = mailPreview(request);
    // An approver may only approve or reject what someone else wrote (docs/contract.md#main-service).
    this.editable = Boolean(this.mails) || (this.action === "send_message" && !showRequester);
    this.settled = false;
    this.number = ++cardCount;
    if (this.mails) rememberMails(this.mails);
    this.element = this.build(showRequester);
    this.render();
    this.tick();
    this.timer = setInterval(() => this.tick(), 1000);
  }

  build(showRequester) {
    const id = `approval-${this.number}`;
    const request = this.request;
    this.title = h("h3", { id: `${id}-title`, tabindex: "-1" });
    this.countdown = h("span", { class: "countdown", role: "timer", "aria-live": "off" });
    this.message = h("p", { class: "approval-message" });
    this.requester = showRequester && request.userId ? h("p", { class: "requester" }) : null;
    if (this.requester) this.showRequester();
    this.paramsView = h("pre", { class: "params", id: `${id}-params` });
    this.status = h("p", { class: "approval-status", role: "status", tabindex: "-1", id: `${id}-status` });
    this.approveButton = h("button", { type: "button", class: "approve", onclick: () => this.approve() }, t("card.approve"));
    this.reason = h("input", { id: `${id}-reason`, type: "text", maxlength: "500", autocomplete: "off" });
    this.reason.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        this.reject();
      }
    });
    this.rejectButton = h("button", { type: "button", class: "reject", onclick: () => this.reject() }, t("card.reject"));

    this.mailBoxes = [];
    let body = null;
    if (this.mails) {
      body = h("fieldset", { class: "preview mails" },
        h("legend", {}, t("card.mails")),
        this.mails.map((mail) => {
          const box = h("input", { type: "checkbox", checked: true, value: mail.id });
          box.addEventListener("change", () => this.syncFromBoxes());
          this.mailBoxes.push(box);
          const subject = mail.subject || t("mail.noSubject");
          return h("label", { class: "mail-choice" }, box,
            h("span", { class: "mail-subject", lang: contentLang(subject) }, subject),
            h("span", { class: "mail-from", lang: contentLang(mail.from), title: mail.from || "" }, sender(mail.from)),
            h("span", { class: "mail-date" }, dateTime(mail.receivedAt)));
        }));
    } else if (this.action === "send_message") {
      const p = this.original;
      body = fields([[t("card.to"), (p.to || []).join(", ")], [t("card.subject"), p.subject || ""], [t("card.body"), p.body || ""]]);
    } else if (request.preview && typeof request.preview === "object" && !Array.isArray(request.preview)) {
      body = fields(Object.entries(request.preview).map(([key, value]) => [key, text(value)]));
    } else if (request.preview !== null && request.preview !== undefined) {
      body = h("pre", { class: "preview-text" }, typeof request.preview === "string" ? request.preview : pretty(request.preview));
    }

    this.details = h("details", { class: "card-details" },
      h("summary", {}, t("card.details")),
      h("dl", { class: "preview-fields" },
        h("dt", {}, t("card.action")), h("dd", {}, h("code", {}, this.action)),
        h("dt", {}, t("card.request")), h("dd", {}, h("code", {}, request.requestId || "")),
        request.message ? [h("dt", {}, t("card.auraSaid")), h("dd", { lang: contentLang(request.message) }, request.message)] : null),
      h("p", { class: "params-label" }, t("card.params")),
      this.paramsView,
      this.editable ? this.buildEditor(id) : null);

    return h("section", { class: "approval", "aria-labelledby": `${id}-title`, dataset: { requestId: request.requestId } },
      h("header", {}, this.title, this.countdown),
      this.requester,
      this.message,
      h("p", { class: "undo-note" }, t(`card.${this.kind()}.undo`)),
      body,
      this.details,
      h("div", { class: "actions" },
        h("div", { class: "buttons" },
          this.approveButton,
          h("span", { class: "reject-group" },
            h("label", { for: `${id}-reason` }, t("card.reason")), this.reason, this.rejectButton)),
        this.status));
  }

  buildEditor(id) {
    this.editButton = h("button", { type: "button", class: "edit", "aria-expanded": "false", onclick: () => this.toggleEditor() }, t("card.editParams"));
    this.editor = h("textarea", { id: `${id}-editor`, class: "params-editor", rows: "6", spellcheck: "false", "aria-describedby": `${id}-editor-error` });
    this.editorError = h("p", { class: "form-error", id: `${id}-editor-error` });
    this.editorBox = h("div", { class: "editor", hidden: true },
      h("label", { for: `${id}-editor` }, t("card.editorLabel")), this.editor, this.editorError);
    this.editor.addEventListener("input", () => this.syncFromEditor());
    return [this.editButton, this.editorBox];
  }

  kind() {
    if (this.mails && this.action === "delete_messages") return "delete";
    if (this.action === "send_message") return "send";
    return "other";
  }

  async showRequester() {
    const name = await this.gateway.nameOf(this.request.userId);
    this.requester.textContent = t("card.requestedBy", { name });
  }

  focus() {
    this.title.focus({ preventScroll: true });
  }

  editing() {
    return this.editor && !this.editorBox.hidden;
  }

  checkedIds() {
    return this.mailBoxes.filter((box) => box.checked).map((box) => box.value);
  }

  // The parameters that Approve will send, or an Error whose message says why there are none.
  params() {
    if (this.editing()) return this.editedParams();
    if (this.mails) {
      const ids = this.checkedIds();
      return ids.length ? { ...this.original, ids } : new Error(t("card.keepOne"));
    }
    return this.original;
  }

  editedParams() {
    let edited;
    try {
      edited = JSON.parse(this.editor.value);
    } catch (error) {
      return new Error(t("card.notJson", { detail: error.message }));
    }
    if (!edited || typeof edited !== "object" || Array.isArray(edited)) return new Error(t("card.notObject"));
    if (!this.mails) return edited;
    const changed = [...new Set([...Object.keys(edited), ...Object.keys(this.original)])]
      .find((key) => key !== "ids" && JSON.stringify(edited[key]) !== JSON.stringify(this.original[key]));
    if (changed) return new Error(t("card.onlyIds", { key: changed }));
    if (!Array.isArray(edited.ids) || !edited.ids.every((id) => typeof id === "string")) return new Error(t("card.notIdList"));
    const shown = new Set(this.mails.map((mail) => mail.id));
    const outside = edited.ids.filter((id) => !shown.has(id));
    if (outside.length) return new Error(t("card.outside", { ids: outside.join(", ") }));
    const ids = this.mails.map((mail) => mail.id).filter((id) => edited.ids.includes(id));
    return ids.length ? { ...this.original, ids } : new Error(t("card.keepOne"));
  }

  edited(params) {
    return JSON.stringify(params) !== JSON.stringify(this.original);
  }

  syncFromBoxes() {
    if (this.editing()) this.editor.value = pretty({ ...this.original, ids: this.checkedIds() });
    this.render();
  }

  syncFromEditor() {
    const params = this.params();
    if (!(params instanceof Error) && this.mails) {
      for (const box of this.mailBoxes) box.checked = params.ids.includes(box.value);
    }
    this.render();
  }

  // Title, message, parameters and the Approve button, from what Approve would send now.
  render() {
    const params = this.params();
    const problem = params instanceof Error ? params.message : "";
    const total = this.mails ? this.mails.length : 0;
    const count = this.mails ? (problem ? this.checkedIds().length : params.ids.length) : 0;
    const p = this.original;
    const kind = this.kind();
    if (kind === "delete") {
      this.title.textContent = t("card.delete.title", { n: count });
      this.message.textContent = t("card.delete.message", { n: count, total });
    } else if (kind === "send") {
      const subject = (problem ? p : params).subject || t("mail.noSubject");
      this.title.textContent = t("card.send.title", { subject });
      this.message.textContent = t("card.send.message");
    } else {
      this.title.textContent = t("card.other.title", { tool: this.action });
      this.message.textContent = t("card.other.message");
    }
    if (this.editorError) this.editorError.textContent = this.editing() ? problem : "";
    this.paramsView.textContent = JSON.stringify(problem ? this.original : params);
    this.approveButton.disabled = this.settled || Boolean(problem);
    if (problem && !this.editing()) this.approveButton.setAttribute("aria-describedby", this.status.id);
    else this.approveButton.removeAttribute("aria-describedby");
    if (!this.settled) this.status.textContent = problem && !this.editing() ? problem : "";
    this.approveButton.textContent = this.mails && count !== total && !problem
      ? t("card.approveSome", { n: count, total })
      : !problem && this.edited(params) ? t("card.approveEdited") : t("card.approve");
  }

  toggleEditor() {
    const opening = this.editorBox.hidden;
    if (opening) {
      const params = this.params();
      this.editor.value = pretty(params instanceof Error ? { ...this.original, ids: this.checkedIds() } : params);
    }
    this.editorBox.hidden = !opening;
    this.editButton.setAttribute("aria-expanded", String(opening));
    this.editButton.textContent = opening ? t("card.closeEditor") : t("card.editParams");
    if (opening) this.editor.focus();
    else this.syncFromBoxes();
    this.render();
  }

  tick() {
    if (this.settled) return this.stop();
    const left = Number(this.request.expiresAt || 0) - nowSeconds();
    if (left <= 0) {
      this.settle("expired", t("card.expired"));
      return;
    }
    this.countdown.textContent = t("card.expiresIn", { clock: clock(left) });
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
    const reason = this.reason.value.trim() || t("card.defaultReason");
    await this.decide("rejected", () => this.gateway.reject(this.request.requestId, reason));
  }

  // The focus moves to the card's status before the buttons disable themselves, so that it
  // never drops to the page and the outcome is read out where the person is.
  async decide(wanted, call) {
    this.status.textContent = wanted === "approved" ? t("card.approving") : t("card.rejecting");
    this.status.focus({ preventScroll: true });
    this.setBusy(true);
    try {
      const outcome = await call();
      const status = (outcome.data && outcome.data.status) || wanted;
      if (outcome.status === 409) {
        this.settle(status, "");
        this.explain({ already: true });
      } else {
        this.settle(status, t(status === "approved" ? "card.approvedHere" : "card.rejectedHere"));
      }
      this.onDecided(status);
    } catch (error) {
      const final = error instanceof ApiError && (error.code === "E3002" || error.status === 404 || error.status === 409);
      if (final) {
        this.settle("closed", error.message);
        this.explain({ already: true });
      } else {
        this.setBusy(false);
        this.status.textContent = error.message;
        this.status.classList.add("failed");
      }
    }
  }

  // Mark the request decided (here, elsewhere, or by timeout); the card stays as a record.
  settle(status, message) {
    if (this.settled) return;
    const hadFocus = this.element.contains(document.activeElement);
    this.settled = true;
    this.stop();
    this.element.classList.add("settled", `settled-${status}`);
    this.element.dataset.status = status;
    this.countdown.textContent = t(`status.${status}`);
    this.status.classList.remove("failed");
    this.status.textContent = message || (["approved", "rejected"].includes(status) ? t(`card.was.${status}`) : t("card.closed"));
    announce(this.status.textContent);
    this.setBusy(true);
    if (this.editorError) this.editorError.textContent = "";
    if (hadFocus) this.status.focus({ preventScroll: true });
    this.onSettled(status);
  }

  // Say who decided and when, from the request record (decidedBy, decidedAt).
  async explain({ already = false, quiet = false } = {}) {
    let record;
    try {
      record = await this.gateway.request(this.request.requestId);
    } catch {
      return;
    }
    const status = record.status;
    if (!record.decidedBy || !["approved", "rejected"].includes(status)) {
      if (status === "expired") this.status.textContent = t("card.expired");
      return;
    }
    const time = when(record.decidedAt);
    const what = record.decidedBy === this.gateway.login.userId
      ? t(status === "approved" ? "card.approvedByYou" : "card.rejectedByYou", { time })
      : t(status === "approved" ? "card.approvedBy" : "card.rejectedBy", { name: await this.gateway.nameOf(record.decidedBy), time });
    this.element.classList.remove("settled-closed");
    this.element.classList.add(`settled-${status}`);
    this.element.dataset.status = status;
    this.countdown.textContent = t(`status.${status}`);
    this.status.textContent = already ? t("card.already", { what }) : what;
    if (!quiet) announce(this.status.textContent);
  }

  note(message) {
    this.status.textContent = message;
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
