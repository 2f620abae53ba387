// The gateway's public API (docs/contract.md) as the logged-in person. Every failure becomes an
// ApiError whose message is a sentence for a person, never a JSON body.

import { language, t } from "./i18n.js";

export class ApiError extends Error {
  constructor(message, status = 0, code = null) {
    super(message);
    this.status = status;
    this.code = code;
  }

  get sessionEnded() {
    return this.status === 401 && ["E2000", "E2002", "E2003"].includes(this.code);
  }
}

const UNREACHABLE = () => t("error.unreachable");
const KNOWN_STATUSES = [401, 403, 404, 409, 413, 502, 504];

function sentence(text) {
  const trimmed = String(text).trim();
  return /[.!?。]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export async function errorFrom(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  // The server speaks English; in another UI language its sentence gives way to ours.
  if (body && typeof body.message === "string" && body.message && (language === "en" || !KNOWN_STATUSES.includes(response.status))) {
    const problems = Array.isArray(body.errors)
      ? body.errors.map((p) => `${p.field}: ${p.reason}`).join("; ")
      : "";
    const text = sentence(body.message) + (problems ? ` (${problems})` : "");
    return new ApiError(text, response.status, body.errorCode || null);
  }
  const fallback = KNOWN_STATUSES.includes(response.status)
    ? t(`error.${response.status}`)
    : t("error.other", { status: response.status });
  return new ApiError(fallback, response.status, (body && body.errorCode) || null);
}

async function send(url, init) {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(UNREACHABLE(), 0);
  }
}

export async function logIn(username, password, tenantId) {
  const response = await send("/api/auth/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password, tenantId }),
  });
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401) {
      error.message = t("login.mismatch");
    }
    throw error;
  }
  const body = await response.json();
  return body.data;
}

export class Gateway {
  // login: {token, userId, tenantId}; onSessionEnded(error) is called when the token stops working.
  constructor(login, onSessionEnded = () => {}) {
    this.login = login;
    this.onSessionEnded = onSessionEnded;
  }

  headers(extra = {}) {
    return {
      Authorization: `Bearer ${this.login.token}`,
      "X-Tenant-ID": this.login.tenantId,
      "X-User-ID": this.login.userId,
      ...extra,
    };
  }

  async call(method, path, { body, query } = {}) {
    const url = query ? `${path}?${new URLSearchParams(query)}` : path;
    const init = { method, headers: this.headers() };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await send(url, init);
    let envelope = null;
    try {
      envelope = await response.clone().json();
    } catch {
      envelope = null;
    }
    if (envelope && envelope.success === true) {
      return { data: envelope.data, message: envelope.message, status: response.status };
    }
    const error = await errorFrom(response);
    if (error.sessionEnded) this.onSessionEnded(error);
    throw error;
  }

  async data(method, path, options) {
    return (await this.call(method, path, options)).data;
  }

  // An SSE response, checked: errors found before the stream starts are ordinary envelopes.
  async stream(method, path, { body, lastEventId, signal } = {}) {
    const headers = this.headers({ Accept: "text/event-stream" });
    if (lastEventId) headers["Last-Event-ID"] = lastEventId;
    const init = { method, headers, signal, cache: "no-store" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await send(path, init);
    if (!response.ok || !response.body) {
      const error = await errorFrom(response);
      if (error.sessionEnded) this.onSessionEnded(error);
      throw error;
    }
    return response;
  }

  me() {
    return this.data("GET", "/api/auth/me");
  }

  messages(folder, limit, offset) {
    return this.data("GET", "/api/mail/messages", { query: { folder, limit, offset } });
  }

  message(id) {
    return this.data("GET", `/api/mail/messages/${encodeURIComponent(id)}`);
  }

  folders() {
    return this.data("GET", "/api/mail/folders");
  }

  markRead(ids, read = true) {
    return this.data("POST", "/api/mail/messages/read", { body: { ids, read } });
  }

  restore(ids) {
    return this.data("POST", "/api/mail/messages/restore", { body: { ids } });
  }

  approve(requestId, params) {
    const body = { userId: this.login.userId };
    if (params !== undefined) body.params = params;
    return this.call("POST", `/api/aura/hitl/approve/${encodeURIComponent(requestId)}`, { body });
  }

  reject(requestId, reason) {
    const body = { userId: this.login.userId };
    if (reason) body.reason = reason;
    return this.call("POST", `/api/aura/hitl/reject/${encodeURIComponent(requestId)}`, { body });
  }

  async pending() {
    const data = await this.data("GET", "/api/aura/hitl/requests", {
      query: { status: "pending" },
    });
    const items = Array.isArray(data) ? data : (data && data.items) || [];
    return items.filter((item) => item && typeof item === "object");
  }

  // The caller's own requests (approvers: the tenant's), newest first, any status.
  async requests() {
    const data = await this.data("GET", "/api/aura/hitl/requests");
    const items = Array.isArray(data) ? data : (data && data.items) || [];
    return items.filter((item) => item && typeof item === "object")
      .sort((a, b) => Number(b.createdAt || 0) - Number(a.createdAt || 0));
  }

  // userId → display name for the people of the caller's tenant (asked once per page).
  people() {
    if (!this.peoplePromise) {
      this.peoplePromise = this.data("GET", "/api/auth/users")
        .then((data) => new Map((Array.isArray(data) ? data : (data && data.items) || [])
          .map((person) => [person.userId, person.name || person.userId])))
        .catch(() => new Map());
    }
    return this.peoplePromise;
  }

  async nameOf(userId) {
    if (!userId) return "";
    if (userId === this.login.userId) return this.login.name || userId;
    return (await this.people()).get(userId) || userId;
  }

  // docs/contract.md#main-service (compat): the record comes back as a JSON string.
  async request(requestId) {
    const data = await this.data("GET", `/api/aura/hitl/requests/${encodeURIComponent(requestId)}`);
    return typeof data === "string" ? JSON.parse(data) : data;
  }

  cancel(runId) {
    return this.call("POST", `/api/aura/runs/${encodeURIComponent(runId)}/cancel`);
  }
}
