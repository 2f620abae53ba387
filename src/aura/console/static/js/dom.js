// Building DOM nodes without innerHTML: text from the server is always set as text.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") element.className = value;
    else if (name === "dataset") Object.assign(element.dataset, value);
    else if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

// Dates follow the UI language, not the browser's locale.
export { dateTime as shortDate } from "./i18n.js";

// "4:05" for 245 seconds; "0:00" when the time is up.
export function clock(seconds) {
  const left = Math.max(0, Math.floor(seconds));
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
}

export function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

export function pretty(value) {
  return JSON.stringify(value, null, 2);
}

// Announce to screen readers through the page's polite live region.
export function announce(text) {
  const region = document.getElementById("announcer");
  if (region) region.textContent = text;
}
