// The user's mailbox (docs/contract.md#mail-service): folders with counts, the message list with unread marks and
// checkboxes, and the reader. What is open and what is ticked becomes the page context the
// assistant receives (`context.itemId`, `context.selectedItemIds`, docs/stream.md#request).

import { h, replaceChildren, shortDate } from "./dom.js";
import { contentLang, t } from "./i18n.js";
import { rememberMails } from "./mail_names.js";

const FOLDERS = ["inbox", "sent", "trash"].map((id) => ({ id, label: t(`folder.${id}`) }));
const PAGE_SIZE = 20;

export class Mailbox {
  // elements: {folders, list, reader, pager, toolbar, heading, error}; onContext(context) on change.
  constructor(elements, gateway, onContext = () => {}) {
    this.el = elements;
    this.gateway = gateway;
    this.onContext = onContext;
    this.folder = "inbox";
    this.offset = 0;
    this.total = 0;
    this.items = [];
    this.selected = new Set();
    this.openId = null;
    this.loading = null;
    this.el.restore.addEventListener("click", () => this.restoreSelected());
    this.el.clear.addEventListener("click", () => this.clearSelection());
    this.el.previous.addEventListener("click", () => this.page(-1));
    this.el.next.addEventListener("click", () => this.page(1));
  }

  context() {
    const heading = FOLDERS.find((f) => f.id === this.folder).label;
    const context = {
      url: location.href,
      path: `/mail/${this.folder}`,
      title: `${heading} — Aura`,
      activeApp: "mail",
      metadata: { headings: [heading], hasTables: true, tableCount: 1, folder: this.folder },
    };
    if (this.openId) context.itemId = this.openId;
    if (this.selected.size) context.selectedItemIds = [...this.selected];
    return context;
  }

  changed() {
    const parts = [];
    if (this.openId) parts.push(t("mail.contextOpen"));
    if (this.selected.size) parts.push(t("mail.selected", { n: this.selected.size }));
    this.el.selection.textContent = this.selected.size ? t("mail.selected", { n: this.selected.size }) : "";
    this.el.clear.hidden = this.selected.size === 0;
    this.el.restore.hidden = this.folder !== "trash" || this.selected.size === 0;
    this.onContext(this.context(), parts.join(", "));
  }

  async show(folder) {
    if (folder !== this.folder) {
      this.folder = folder;
      this.offset = 0;
      this.selected.clear();
      this.openId = null;
      this.renderReader(null);
    }
    await this.refresh();
  }

  page(direction) {
    this.offset = Math.max(0, this.offset + direction * PAGE_SIZE);
    this.refresh();
  }

  // Reload counts and the current page; overlapping calls collapse into one.
  async refresh() {
    if (this.loading) return this.loading;
    this.loading = this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  async load() {
    this.el.error.textContent = "";
    try {
      const [counts, page] = await Promise.all([
        this.gateway.folders(),
        this.gateway.messages(this.folder, PAGE_SIZE, this.offset),
      ]);
      this.renderFolders(counts);
      this.items = page.items || [];
      rememberMails(this.items);
      this.total = page.total || 0;
      const present = new Set(this.items.map((item) => item.id));
      for (const id of [...this.selected]) if (!present.has(id)) this.selected.delete(id);
      this.renderList();
    } catch (error) {
      this.el.error.textContent = error.message;
    }
    this.changed();
  }

  renderFolders(counts) {
    const byFolder = new Map(((counts && counts.folders) || []).map((c) => [c.folder, c]));
    replaceChildren(this.el.folders, FOLDERS.map((folder) => {
      const count = byFolder.get(folder.id);
      const unread = count && count.unread ? h("span", { class: "unread-count", "aria-hidden": "true" }, String(count.unread)) : null;
      const total = count ? h("span", { class: "total-count", "aria-hidden": "true" }, String(count.total)) : null;
      const current = folder.id === this.folder;
      return h("li", {}, h("button", {
        type: "button",
        class: `folder${current ? " current" : ""}`,
        "aria-current": current ? "page" : null,
        "aria-label": t("folder.label", { name: folder.label, unread: count?.unread || 0, total: count?.total }),
        dataset: { folder: folder.id },
        onclick: () => this.show(folder.id),
      }, folder.label, " ", unread, total));
    }));
    this.el.heading.textContent = FOLDERS.find((f) => f.id === this.folder).label;
  }

  renderList() {
    const rows = this.items.map((item) => {
      const box = h("input", {
        type: "checkbox",
        checked: this.selected.has(item.id),
        "aria-label": t("mail.select", { subject: item.subject || t("mail.noSubject") }),
        value: item.id,
      });
      box.addEventListener("change", () => {
        if (box.checked) this.selected.add(item.id);
        else this.selected.delete(item.id);
        row.classList.toggle("selected", box.checked);
        this.changed();
      });
      // The button's name is the subject alone; the snippet is shown beside it, not read as its name.
      const subject = item.subject || t("mail.noSubject");
      const open = h("button", { type: "button", class: "open-mail", lang: contentLang(subject), onclick: () => this.open(item.id) },
        h("span", { class: "subject" }, subject));
      const snippet = h("span", { class: "snippet", lang: contentLang(item.snippet), "aria-hidden": "true", onclick: () => this.open(item.id) }, item.snippet || "");
      const row = h("tr", {
        class: `${item.read ? "read" : "unread"}${this.selected.has(item.id) ? " selected" : ""}${item.id === this.openId ? " open" : ""}`,
        dataset: { id: item.id },
      },
      h("td", { class: "select" }, box),
      h("td", { class: "from" }, item.read ? null : [h("span", { class: "dot", "aria-hidden": "true" }), h("span", { class: "visually-hidden" }, `${t("mail.unread")}: `)], this.folder === "sent" ? (item.to || []).join(", ") : item.from),
      h("td", { class: "what" }, open, snippet),
      h("td", { class: "date" }, shortDate(item.receivedAt)));
      return row;
    });
    replaceChildren(this.el.list, rows.length ? rows : h("tr", {}, h("td", { colspan: "4", class: "empty" }, t("mail.none"))));
    const last = Math.min(this.offset + this.items.length, this.total);
    this.el.range.textContent = this.total ? t("mail.range", { first: this.offset + 1, last, total: this.total }) : "";
    this.el.previous.disabled = this.offset === 0;
    this.el.next.disabled = last >= this.total;
  }

  async open(id) {
    this.el.error.textContent = "";
    try {
      const message = await this.gateway.message(id);
      this.openId = id;
      this.renderReader(message);
      if (!message.read) {
        await this.gateway.markRead([id], true);
        await this.refresh();
      } else {
        this.renderList();
      }
      this.el.reader.querySelector("h3")?.focus();
    } catch (error) {
      this.el.error.textContent = error.message;
    }
    this.changed();
  }

  close() {
    this.openId = null;
    this.renderReader(null);
    this.renderList();
    this.changed();
  }

  renderReader(message) {
    if (!message) {
      this.el.reader.hidden = true;
      replaceChildren(this.el.reader);
      return;
    }
    this.el.reader.hidden = false;
    const actions = [h("button", { type: "button", onclick: () => this.close() }, t("mail.close"))];
    if (message.folder === "trash") {
      actions.unshift(h("button", { type: "button", onclick: () => this.restoreIds([message.id]) }, t("mail.restore")));
    }
    replaceChildren(this.el.reader,
      h("header", {},
        h("h3", { tabindex: "-1", lang: contentLang(message.subject) }, message.subject || t("mail.noSubject")),
        h("p", { class: "meta" }, t("mail.meta", { from: message.from, to: (message.to || []).join(", "), date: shortDate(message.receivedAt) })),
        h("div", { class: "reader-actions" }, actions)),
      h("div", { class: "body", lang: contentLang(message.body) }, message.body || ""));
  }

  clearSelection() {
    this.selected.clear();
    this.renderList();
    this.changed();
  }

  async restoreSelected() {
    await this.restoreIds([...this.selected]);
  }

  async restoreIds(ids) {
    if (!ids.length) return;
    try {
      await this.gateway.restore(ids);
      for (const id of ids) this.selected.delete(id);
      if (ids.includes(this.openId)) this.close();
      await this.refresh();
    } catch (error) {
      this.el.error.textContent = error.message;
    }
  }
}
