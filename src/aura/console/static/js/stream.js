// Following one run: start it (POST), read its events, and when the connection drops before
// [DONE], re-attach with GET /api/aura/runs/{runId}/stream and Last-Event-ID (docs/contract.md#runs-re-attach-and-cancel). A
// reload re-attaches the same way from the cursor kept in sessionStorage.

import { ApiError } from "./api.js";
import { t } from "./i18n.js";
import { SseParser, isDone, runEvent } from "./sse.js";

const REATTACH_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

async function read(response, turn, onEvent) {
  const parser = new SseParser();
  const reader = response.body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return false;
    for (const message of parser.feed(value)) {
      if (isDone(message)) {
        await reader.cancel().catch(() => {});
        return true;
      }
      const event = runEvent(message);
      if (!event) continue;
      if (event.id) turn.lastEventId = event.id;
      if (event.type === "start" && event.data.runId) turn.runId = event.data.runId;
      if (event.type === "end") turn.ended = true;
      onEvent(event);
    }
  }
}

function sleep(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

// Runs until the run's stream says [DONE]. `turn` is updated in place (runId, lastEventId, done);
// onEvent(event) sees each event once; onNotice(text) hears about reconnects, onOpen() about
// each stream that opened.
export async function followRun(gateway, turn, { onEvent, onNotice, onOpen, signal, context }) {
  let attempts = 0;
  while (!turn.done) {
    let response;
    try {
      if (!turn.runId) {
        const body = { prompt: turn.prompt, context };
        if (turn.threadId) body.threadId = turn.threadId;
        response = await gateway.stream("POST", "/api/aura/test/stream", { body, signal });
        turn.runId = response.headers.get("X-Aura-Run-ID") || turn.runId;
        turn.sessionId = response.headers.get("X-Aura-Session-ID") || turn.sessionId;
      } else {
        const path = `/api/aura/runs/${encodeURIComponent(turn.runId)}/stream`;
        response = await gateway.stream("GET", path, { lastEventId: turn.lastEventId, signal });
      }
      attempts = 0;
      // An `end` already seen means the run is over even if [DONE] was lost with the connection.
      turn.done = (await read(response, turn, onEvent)) || Boolean(turn.ended);
    } catch (error) {
      if (signal?.aborted) return;
      // Refusals (bad input, no access, unknown run) will not change by asking again.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) throw error;
      if (!turn.runId) throw error;
    }
    if (turn.done || signal?.aborted) return;
    if (attempts >= REATTACH_DELAYS_MS.length) {
      throw new ApiError(t("assistant.lost"), 0);
    }
    onNotice?.(t("assistant.dropped"));
    await sleep(REATTACH_DELAYS_MS[attempts], signal);
    attempts += 1;
  }
}
