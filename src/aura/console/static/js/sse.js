// Server-sent events over fetch(): EventSource cannot POST or send Authorization / Last-Event-ID,
// so the console reads the response body itself. The parser follows the WHATWG rules: events are
// separated by a blank line, ":" lines are comments (": keep-alive"), "data:" lines are joined
// with "\n", and the last "id:" carries over. TextDecoder in streaming mode keeps a Korean
// character that was cut between two network chunks whole.

export const DONE = "[DONE]";

// Names older clients used for the canonical event types (docs/stream.md#events).
const ALIASES = {
  thinking: "thought",
  action: "tool_execution",
  approval_required: "hitl",
  message: "content",
};

export class SseParser {
  constructor() {
    this.decoder = new TextDecoder("utf-8");
    this.buffer = "";
    this.data = [];
    this.event = null;
    this.lastId = null;
    this.pendingCR = false;
  }

  // Feed bytes (Uint8Array) or text; returns the messages completed by it.
  feed(chunk) {
    let text = typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    if (this.pendingCR && text.startsWith("\n")) text = text.slice(1);
    this.pendingCR = text.endsWith("\r");
    this.buffer += text;
    const lines = this.buffer.replace(/\r\n?/g, "\n").split("\n");
    this.buffer = lines.pop();
    const messages = [];
    for (const line of lines) {
      const message = this.line(line);
      if (message) messages.push(message);
    }
    return messages;
  }

  line(line) {
    if (line === "") return this.dispatch();
    if (line.startsWith(":")) return null;
    const colon = line.indexOf(":");
    const name = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (name === "data") this.data.push(value);
    else if (name === "event") this.event = value;
    else if (name === "id" && !value.includes("\0")) this.lastId = value;
    return null;
  }

  dispatch() {
    const data = this.data;
    const event = this.event;
    this.data = [];
    this.event = null;
    if (data.length === 0) return null;
    return { data: data.join("\n"), event, id: this.lastId };
  }
}

// The run event a message carries: {type, data, id, raw}; null for [DONE] or non-JSON data.
export function runEvent(message) {
  if (message.data.trim() === DONE) return null;
  let body;
  try {
    body = JSON.parse(message.data);
  } catch {
    return null;
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const kind = String(body.type || message.event || "message");
  // `payload = json.data || json` reads every event (docs/stream.md#framing).
  const data = body.data && typeof body.data === "object" ? body.data : body;
  return { type: ALIASES[kind] || kind, data, id: message.id, raw: body };
}

export function isDone(message) {
  return message.data.trim() === DONE;
}
