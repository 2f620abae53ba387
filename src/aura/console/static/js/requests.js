// "My requests": every person's own approval requests, waiting and recent, like an approvals
// inbox. A waiting one can be shown again in the conversation (its run is re-attached), and
// after logging in again the run that waits is re-attached by itself.

import { h, replaceChildren } from "./dom.js";
import { t, when } from "./i18n.js";

const POLL_MS = 5000;
const SHOWN = 8;

export function requestTitle(record) {
  const params = record.params || {};
  if (record.actionType === "delete_messages" && Array.isArray(params.ids)) {
    return t("card.delete.title", { n: params.ids.length });
  }
  if (record.actionType === "send_message") return t("card.send.title", { subject: params.subject || t("mail.noSubject") });
  return t("card.other.title", { tool: record.actionType || "action" });
}

export class MyRequests {
  // elements: {section, count, list, empty, error}; onOpen(record) shows a waiting one.
  constructor(elements, gateway, onOpen) {
    this.el = elements;
    this.gateway = gateway;
    this.onOpen = onOpen;
    this.timer = null;
    this.first = true;
  }

  start() {
    this.refresh();
    this.timer = setInterval(() => this.refresh(), POLL_MS);
  }

  stop() {
    clearInterval(this.timer);
  }

  async refresh() {
    let records;
    try {
      records = (await this.gateway.requests()).filter((record) => record.userId === this.gateway.login.userId);
      this.el.error.textContent = "";
    } catch (error) {
      this.el.error.textContent = error.message;
      return;
    }
    const waiting = records.filter((record) => record.status === "pending");
    this.el.count.textContent = waiting.length ? t("mine.waiting", { n: waiting.length }) : "";
    this.el.count.hidden = !waiting.length;
    this.el.empty.hidden = records.length > 0;
    const items = [];
    for (const record of records.slice(0, SHOWN)) items.push(await this.item(record));
    replaceChildren(this.el.list, items);
    if (this.first && waiting.length) {
      // Logged in again while a run waits: take the person back to it.
      this.onOpen(waiting[0]);
    }
    this.first = false;
  }

  async item(record) {
    const status = record.status || "pending";
    let decided = null;
    if (record.decidedBy && (status === "approved" || status === "rejected")) {
      const vars = { status: t(`status.${status}`), time: when(record.decidedAt) };
      const text = record.decidedBy === this.gateway.login.userId
        ? t("mine.decidedByYou", vars)
        : t("mine.decided", { ...vars, name: await this.gateway.nameOf(record.decidedBy) });
      decided = h("span", { class: "decided" }, text);
    }
    return h("li", { class: `my-request ${status}`, dataset: { requestId: record.requestId, status } },
      h("span", { class: "my-title" }, requestTitle(record)),
      h("span", { class: `chip ${status}` }, t(`status.${status}`)),
      h("span", { class: "my-time" }, when(record.createdAt)),
      decided,
      status === "pending" && record.runId
        ? h("button", { type: "button", class: "show-request", onclick: () => this.onOpen(record) }, t("mine.open"))
        : null);
  }
}
