// What survives a reload of this tab (sessionStorage): the login and the conversation, including
// the run in progress with its last event id, so that the page can re-attach to it.

const LOGIN_KEY = "aura.login";
const TURNS_KEY = "aura.turns";
const MAX_TURNS = 10;
const MAX_EVENTS_PER_TURN = 400;

function read(key, fallback) {
  try {
    const value = JSON.parse(sessionStorage.getItem(key));
    return value ?? fallback;
  } catch {
    return fallback;
  }
}

function write(key, value) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // A full or disabled storage only costs the ability to re-attach after a reload.
  }
}

export function savedLogin() {
  return read(LOGIN_KEY, null);
}

export function saveLogin(login) {
  write(LOGIN_KEY, login);
}

export function forget() {
  sessionStorage.removeItem(LOGIN_KEY);
  sessionStorage.removeItem(TURNS_KEY);
}

export function savedTurns() {
  const turns = read(TURNS_KEY, []);
  return Array.isArray(turns) ? turns : [];
}

export function saveTurns(turns) {
  const kept = turns.slice(-MAX_TURNS).map((turn) => ({
    ...turn,
    events: turn.events.slice(-MAX_EVENTS_PER_TURN),
  }));
  write(TURNS_KEY, kept);
}

// The tenant and user name of the last login, to prefill the form (not the password).
export function lastLoginName() {
  try {
    return JSON.parse(localStorage.getItem("aura.lastLogin")) || {};
  } catch {
    return {};
  }
}

export function rememberLoginName(tenantId, username) {
  try {
    localStorage.setItem("aura.lastLogin", JSON.stringify({ tenantId, username }));
  } catch {
    // Prefilling the form is a convenience only.
  }
}
