// Requests of the tenant waiting for a decision, for approvers (docs/contract.md#main-service, `GET /aura/hitl/
// requests?status=pending`): a second person decides on someone else's request from here, with
// the requester's name. Polled while the page is open; a card being worked on is never
// re-rendered under the person's hands; the count changes as soon as a card is decided.

import { ApprovalCard, cardFromRecord } from "./approval.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";

const POLL_MS = 3000;
const KEEP_DECIDED_MS = 8000;

export class PendingApprovals {
  constructor(elements, gateway) {
    this.el = elements;
    this.gateway = gateway;
    this.cards = new Map();
    this.timer = null;
    this.el.refresh.addEventListener("click", () => this.refresh());
  }

  start() {
    this.el.section.hidden = false;
    this.refresh();
    this.timer = setInterval(() => this.refresh(), POLL_MS);
  }

  stop() {
    clearInterval(this.timer);
    for (const card of this.cards.values()) card.stop();
    this.cards.clear();
  }

  async refresh() {
    let records;
    try {
      records = await this.gateway.pending();
      this.el.error.textContent = "";
    } catch (error) {
      this.el.error.textContent = error.message;
      return;
    }
    const waiting = new Set(records.map((record) => record.requestId));
    for (const record of records) {
      if (this.cards.has(record.requestId) || record.status && record.status !== "pending") continue;
      const card = new ApprovalCard(cardFromRecord(record), {
        gateway: this.gateway,
        showRequester: true,
        onDecided: () => setTimeout(() => this.drop(record.requestId), KEEP_DECIDED_MS),
        onSettled: () => this.count(),
      });
      this.cards.set(record.requestId, card);
      this.el.list.append(h("li", {}, card.element));
    }
    for (const [requestId, card] of this.cards) {
      if (!waiting.has(requestId) && !card.settled) {
        card.settle("closed", t("card.decidedElsewhere"));
        card.explain();
        setTimeout(() => this.drop(requestId), KEEP_DECIDED_MS);
      }
    }
    this.count();
  }

  count() {
    const open = [...this.cards.values()].filter((card) => !card.settled).length;
    this.el.count.textContent = String(open);
    this.el.empty.hidden = this.cards.size > 0;
  }

  drop(requestId) {
    const card = this.cards.get(requestId);
    if (!card) return;
    card.stop();
    card.element.closest("li")?.remove();
    this.cards.delete(requestId);
    this.count();
  }
}
