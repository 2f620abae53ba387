// A small, safe subset of Markdown for the assistant's answer: paragraphs, "-"/"1." lists,
// **bold** and `code`. Everything is built as DOM nodes, so nothing in the text is ever HTML.

import { h } from "./dom.js";

function inline(text) {
  const parts = [];
  const pattern = /(\*\*[^*]+\*\*|`[^`]+`)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    const token = match[0];
    parts.push(token.startsWith("**") ? h("strong", {}, token.slice(2, -2)) : h("code", {}, token.slice(1, -1)));
    last = match.index + token.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

export function renderMarkdown(text) {
  const blocks = [];
  let list = null;
  let paragraph = [];
  const flushParagraph = () => {
    if (paragraph.length) {
      const lines = paragraph.flatMap((line, index) => (index ? [h("br"), ...inline(line)] : inline(line)));
      blocks.push(h("p", {}, lines));
    }
    paragraph = [];
  };
  for (const line of text.split("\n")) {
    const bullet = line.match(/^\s*[-*•]\s+(.*)$/);
    const numbered = line.match(/^\s*\d+[.)]\s+(.*)$/);
    if (bullet || numbered) {
      flushParagraph();
      const tag = bullet ? "ul" : "ol";
      if (!list || list.tagName.toLowerCase() !== tag) {
        list = h(tag);
        blocks.push(list);
      }
      list.append(h("li", {}, inline((bullet || numbered)[1])));
    } else if (line.trim() === "") {
      flushParagraph();
      list = null;
    } else {
      list = null;
      paragraph.push(line);
    }
  }
  flushParagraph();
  return blocks;
}
