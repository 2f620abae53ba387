// The console's entry point: log in, then the workspace (mailbox + assistant + approvals).
// Everything goes through the gateway's /api paths; nothing is fetched from elsewhere.

import { Gateway, logIn } from "./js/api.js";
import { Assistant } from "./js/assistant.js";
import { h, replaceChildren } from "./js/dom.js";
import { LANGUAGES, chooseLanguage, language, localize, t } from "./js/i18n.js";
import { Mailbox } from "./js/mailbox.js";
import { PendingApprovals } from "./js/pending.js";
import { MyRequests } from "./js/requests.js";
import {
  forget,
  lastLoginName,
  rememberLoginName,
  saveLogin,
  savedLogin,
} from "./js/store.js";

const $ = (id) => document.getElementById(id);
const NOTICE_KEY = "aura.notice";
const DECIDING_ROLES = ["approver", "admin"];
const NARROW = window.matchMedia("(max-width: 900px)");

function endSession(message) {
  forget();
  if (message) sessionStorage.setItem(NOTICE_KEY, message);
  location.replace("/");
}

// The language menus: a change is remembered and the page is drawn again in it (the
// conversation and a waiting run come back from sessionStorage, as after any reload).
function languageMenus() {
  for (const select of [$("language"), $("login-language")]) {
    replaceChildren(select, Object.entries(LANGUAGES).map(([code, name]) =>
      h("option", { value: code, lang: code, selected: code === language }, name)));
    select.addEventListener("change", () => {
      chooseLanguage(select.value);
      location.reload();
    });
  }
}

function showLogin() {
  $("workspace").hidden = true;
  $("login-view").hidden = false;
  const code = (text) => h("code", {}, text);
  const hint = t("login.hint", { tenant: "\u0000t", user: "\u0000u", password: "\u0000p", approver: "\u0000a" });
  const values = { t: "tenant1", u: "user123", p: "aura1234", a: "seoyeon.lee" };
  replaceChildren($("login-hint"), hint.split(/(\u0000[tupa])/).map((part) =>
    (part.startsWith("\u0000") ? code(values[part[1]]) : part)));
  const last = lastLoginName();
  $("login-tenant").value = last.tenantId || "";
  $("login-username").value = last.username || "";
  $("login-error").textContent = sessionStorage.getItem(NOTICE_KEY) || "";
  sessionStorage.removeItem(NOTICE_KEY);
  const first = ["login-tenant", "login-username", "login-password"].find((id) => !$(id).value);
  $(first || "login-password").focus();
  $("login-form").addEventListener("submit", submitLogin);
}

async function submitLogin(event) {
  event.preventDefault();
  const tenantId = $("login-tenant").value.trim();
  const username = $("login-username").value.trim();
  const password = $("login-password").value;
  const missing = [
    [tenantId, "login-tenant", t("login.missingTenant")],
    [username, "login-username", t("login.missingUser")],
    [password, "login-password", t("login.missingPassword")],
  ].find(([value]) => !value);
  if (missing) {
    $("login-error").textContent = missing[2];
    $(missing[1]).focus();
    return;
  }
  $("login-submit").disabled = true;
  $("login-error").textContent = "";
  try {
    const data = await logIn(username, password, tenantId);
    const login = { token: data.accessToken, userId: data.userId, tenantId: data.tenantId, username };
    const me = await new Gateway(login).me();
    Object.assign(login, { role: me.role || "user", name: me.name || username, email: me.email });
    rememberLoginName(tenantId, username);
    saveLogin(login);
    $("login-form").removeEventListener("submit", submitLogin);
    $("login-password").value = "";
    startWorkspace(login);
  } catch (error) {
    $("login-error").textContent = error.message;
    $("login-password").select();
  } finally {
    $("login-submit").disabled = false;
  }
}

// On a narrow screen one pane is shown at a time; an approval always brings the assistant.
function showPane(pane) {
  $("workspace").dataset.pane = pane;
  for (const button of $("pane-switch").querySelectorAll("button")) {
    button.setAttribute("aria-pressed", String(button.dataset.pane === pane));
  }
}

function examples(mailbox) {
  const context = mailbox.context();
  const list = [t("example.unread")];
  list.push(context.itemId ? t("example.summary") : t("example.newest"));
  list.push(context.selectedItemIds?.length ? t("example.deleteSelected") : t("example.delete"));
  list.push(t("example.restore"));
  return list;
}

function startWorkspace(login) {
  const gateway = new Gateway(login, () => endSession(t("session.ended")));
  $("login-view").hidden = true;
  $("workspace").hidden = false;
  $("skip-link").hidden = false;
  const role = DECIDING_ROLES.includes(login.role) ? ` · ${t(`top.role.${login.role}`)}` : "";
  $("who").textContent = `${login.name || login.userId} (${login.userId}@${login.tenantId}${role})`;
  replaceChildren($("message-columns"), t("mail.columns").map((name) => h("th", { scope: "col" }, name)));
  for (const button of $("pane-switch").querySelectorAll("button")) {
    button.addEventListener("click", () => showPane(button.dataset.pane));
  }

  const mailbox = new Mailbox({
    folders: $("folders"),
    list: $("message-list"),
    reader: $("reader"),
    heading: $("mailbox-heading"),
    error: $("mailbox-error"),
    selection: $("selection"),
    restore: $("restore-selected"),
    clear: $("clear-selection"),
    range: $("range"),
    previous: $("previous"),
    next: $("next"),
  }, gateway, (context, summary) => {
    $("context").textContent = t("mail.context", { place: `${context.metadata.headings[0]}${summary ? ` · ${summary}` : ""}` });
  });

  let mine = null;
  const assistant = new Assistant({
    form: $("prompt-form"),
    prompt: $("prompt"),
    send: $("send"),
    stop: $("stop"),
    log: $("conversation"),
    error: $("prompt-error"),
  }, gateway, {
    context: () => mailbox.context(),
    examples: () => examples(mailbox),
    name: login.name || login.username || login.userId,
    onMailChanged: () => mailbox.refresh(),
    onApproval: () => showPane("assistant"),
    onRunEnded: () => mine?.refresh(),
  });

  mine = new MyRequests({
    section: $("mine"),
    count: $("mine-count"),
    list: $("mine-list"),
    empty: $("mine-empty"),
    error: $("mine-error"),
  }, gateway, (record) => {
    showPane("assistant");
    assistant.attach(record);
  });

  let pending = null;
  if (DECIDING_ROLES.includes(login.role)) {
    pending = new PendingApprovals({
      section: $("pending"),
      list: $("pending-list"),
      count: $("pending-count"),
      empty: $("pending-empty"),
      error: $("pending-error"),
      refresh: $("pending-refresh"),
    }, gateway);
    pending.start();
  }

  $("logout").addEventListener("click", () => {
    assistant.stop();
    pending?.stop();
    mine.stop();
    endSession("");
  });

  mailbox.refresh();
  assistant.restore();
  mine.start();
  if (!NARROW.matches) $("prompt").focus();
}

localize();
languageMenus();
const login = savedLogin();
if (login && login.token) startWorkspace(login);
else showLogin();
