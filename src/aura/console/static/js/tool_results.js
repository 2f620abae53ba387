// A tool call's result as what it means to a person: the mails it found, moved or restored, the
// mail it sent. The raw result stays available behind "Details".

import { h, pretty } from "./dom.js";
import { contentLang, dateTime, t } from "./i18n.js";
import { rememberMails } from "./mail_names.js";

const SHOWN = 5;
const KNOWN_TOOLS = ["list_messages", "search_messages", "read_message", "mark_read", "delete_messages", "restore_messages", "send_message"];

export function toolTitle(tool) {
  return KNOWN_TOOLS.includes(tool) ? t(`tool.${tool}`) : t("tool.other", { tool });
}

function mailList(mails) {
  const items = mails.slice(0, SHOWN).map((mail) => {
    const subject = mail.subject || t("mail.noSubject");
    return h("li", {},
      h("span", { class: "mail-subject", lang: contentLang(subject) }, subject),
      mail.from ? [" · ", h("span", { class: "mail-from", lang: contentLang(mail.from) }, mail.from)] : null,
      mail.receivedAt ? [" · ", h("span", { class: "mail-date" }, dateTime(mail.receivedAt))] : null);
  });
  if (mails.length > SHOWN) items.push(h("li", { class: "more" }, t("tool.more", { n: mails.length - SHOWN })));
  return h("ul", { class: "mail-results" }, items);
}

function mailsOf(result) {
  if (!result || typeof result !== "object") return null;
  const mails = result.messages || result.items;
  return Array.isArray(mails) ? mails.filter((mail) => mail && typeof mail === "object") : null;
}

// The parts that say what the result means (without the details).
export function meaning(tool, result) {
  const mails = mailsOf(result);
  if (mails) rememberMails(mails);
  if (tool === "send_message" && result && typeof result === "object") {
    return [h("p", {}, t("tool.sent", { subject: result.subject || t("mail.noSubject"), to: (result.to || []).join(", ") }))];
  }
  if (tool === "read_message" && result && typeof result === "object" && result.subject !== undefined) {
    rememberMails([result]);
    return [h("p", {}, t("tool.read", { subject: result.subject || t("mail.noSubject"), from: result.from || "" }))];
  }
  if (mails && tool === "mark_read") return [h("p", {}, t("tool.marked", { n: mails.length, read: result.read !== false }))];
  if (mails && tool === "delete_messages") return deleted(result, mails);
  if (mails && tool === "restore_messages") return [h("p", {}, t("tool.restored", { n: mails.length })), mailList(mails)];
  if (mails) return [h("p", {}, t("tool.found", { n: mails.length })), mails.length ? mailList(mails) : null];
  if (typeof result === "string") return [h("p", { lang: contentLang(result) }, result)];
  return [];
}

// A delete whose mails were (some or all) already in the trash says so, in the run's words.
function deleted(result, mails) {
  const moved = Number.isInteger(result.count) ? result.count : mails.length;
  const parts = [];
  if (moved > 0 || !result.notice) parts.push(h("p", {}, t("tool.moved", { n: moved })));
  if (result.notice) parts.push(h("p", { class: "tool-notice", lang: contentLang(result.notice) }, result.notice));
  parts.push(mailList(mails));
  return parts;
}

export function details(params, result) {
  return h("details", { class: "tool-details" }, h("summary", {}, t("tool.details")),
    params ? h("pre", {}, pretty(params)) : null,
    result !== undefined ? h("pre", {}, pretty(result)) : null);
}
