// The gateway's public API (SPEC §2-§7) as the logged-in person. Every failure becomes an
// ApiError whose message is a sentence for a person, never a JSON body.

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

const UNREACHABLE = "Aura cannot be reached right now. Check that it is running and try again.";

// Fallback sentences for answers that carry no message of their own.
const STATUS_SENTENCES = {
  401: "You are not logged in, or your session has ended. Please log in again.",
  403: "You are not allowed to do that.",
  404: "That could not be found; it may have expired or been removed.",
  409: "That was already decided, or is no longer waiting for a decision.",
  413: "That request is too large.",
  502: "A part of Aura is not answering right now. Try again in a moment.",
  504: "A part of Aura took too long to answer. Try again in a moment.",
};

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
  if (body && typeof body.message === "string" && body.message) {
    const problems = Array.isArray(body.errors)
      ? body.errors.map((p) => `${p.field}: ${p.reason}`).join("; ")
      : "";
    const text = sentence(body.message) + (problems ? ` (${problems})` : "");
    return new ApiError(text, response.status, body.errorCode || null);
  }
  const fallback = STATUS_SENTENCES[response.status] ||
    `Aura answered with an unexpected error (${response.status}). Try again.`;
  return new ApiError(fallback, response.status);
}

async function send(url, init) {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(UNREACHABLE, 0);
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
      error.message = "That user name, password and tenant do not match. Check them and try again.";
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

  // SPEC §6.3 (compat): the record comes back as a JSON string.
  async request(requestId) {
    const data = await this.data("GET", `/api/aura/hitl/requests/${encodeURIComponent(requestId)}`);
    return typeof data === "string" ? JSON.parse(data) : data;
  }

  cancel(runId) {
    return this.call("POST", `/api/aura/runs/${encodeURIComponent(runId)}/cancel`);
  }
}
