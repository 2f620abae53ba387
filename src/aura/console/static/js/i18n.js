// The console's language: every label, sentence and date the console writes itself follows one
// UI language (Korean or English), taken from the browser on the first visit, switchable, and
// remembered in localStorage. Text that comes from elsewhere (mail, the prompt, Aura's answer)
// keeps its own language and is marked with a `lang` attribute of its own (contentLang).

import { STRINGS } from "./strings.js";

const KEY = "aura.language";
export const LANGUAGES = { en: "English", ko: "한국어" };

function stored() {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function fromBrowser() {
  for (const tag of navigator.languages || [navigator.language || "en"]) {
    const base = String(tag).toLowerCase().split("-")[0];
    if (base in LANGUAGES) return base;
  }
  return "en";
}

export const language = (() => {
  const chosen = stored();
  return chosen in LANGUAGES ? chosen : fromBrowser();
})();

export function chooseLanguage(code) {
  try {
    localStorage.setItem(KEY, code);
  } catch {
    // Not remembered; the choice still holds for this page.
  }
}

// The UI string `key` with {name} placeholders filled from `vars`.
export function t(key, vars = {}) {
  const entry = STRINGS[language][key] ?? STRINGS.en[key];
  if (entry === undefined) return key;
  if (typeof entry === "function") return entry(vars);
  if (typeof entry !== "string") return entry;
  return entry.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

// The language of a piece of text from elsewhere, for its `lang` attribute.
export function contentLang(text) {
  return /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/.test(String(text || "")) ? "ko" : "en";
}

const DATE_TIME = new Intl.DateTimeFormat(language, {
  month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
});
const TIME = new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

function asDate(value) {
  if (value === null || value === undefined || value === "") return null;
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

// "Jan 16, 09:30" / "1월 16일 09:30"; an ISO string or unix seconds.
export function dateTime(value) {
  const date = asDate(value);
  return date ? DATE_TIME.format(date) : String(value ?? "");
}

// "10:42" today, else the date and time.
export function when(value) {
  const date = asDate(value);
  if (!date) return "";
  return date.toDateString() === new Date().toDateString() ? TIME.format(date) : DATE_TIME.format(date);
}

// Fill the page's own static text: data-i18n="key" sets the text, data-i18n-attr="attr:key;…"
// sets attributes.
export function localize(root = document) {
  document.documentElement.lang = language;
  for (const element of root.querySelectorAll("[data-i18n]")) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of root.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of element.dataset.i18nAttr.split(";")) {
      const [attribute, key] = pair.split(":");
      element.setAttribute(attribute.trim(), t(key.trim()));
    }
  }
}
