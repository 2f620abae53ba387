// The console's entry point: log in, then the workspace (mailbox + assistant + approvals).
// Everything goes through the gateway's /api paths; nothing is fetched from elsewhere.

import { Gateway, logIn } from "./js/api.js";
import { Assistant } from "./js/assistant.js";
import { Mailbox } from "./js/mailbox.js";
import { PendingApprovals } from "./js/pending.js";
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

function endSession(message) {
  forget();
  if (message) sessionStorage.setItem(NOTICE_KEY, message);
  location.replace("/");
}

function showLogin() {
  $("workspace").hidden = true;
  $("login-view").hidden = false;
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
    [tenantId, "login-tenant", "Enter your tenant (for example tenant1)."],
    [username, "login-username", "Enter your user name."],
    [password, "login-password", "Enter your password."],
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

function startWorkspace(login) {
  const gateway = new Gateway(login, () =>
    endSession("Your session has ended. Please log in again."));
  $("login-view").hidden = true;
  $("workspace").hidden = false;
  const role = DECIDING_ROLES.includes(login.role) ? ` · ${login.role}` : "";
  $("who").textContent = `${login.name || login.userId} (${login.userId}@${login.tenantId}${role})`;

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
    $("context").textContent = `Context: ${context.metadata.headings[0]}${summary ? ` · ${summary}` : ""}`;
  });

  const assistant = new Assistant({
    form: $("prompt-form"),
    prompt: $("prompt"),
    send: $("send"),
    stop: $("stop"),
    log: $("conversation"),
    error: $("prompt-error"),
  }, gateway, {
    context: () => mailbox.context(),
    onMailChanged: () => mailbox.refresh(),
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
    endSession("");
  });

  mailbox.refresh();
  assistant.restore();
  $("prompt").focus();
}

const login = savedLogin();
if (login && login.token) startWorkspace(login);
else showLogin();
