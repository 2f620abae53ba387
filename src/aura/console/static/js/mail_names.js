// Mail ids mean nothing to a person: whatever the console has seen of a mail (the list, a
// preview, a tool result) is remembered here so that text naming a mail by id (a plan step
// such as "메일 msg-c641…의 본문을 엽니다") can show its subject instead.

const subjects = new Map();
const ID = /msg-[0-9a-f]{4,}…?/g;

export function rememberMails(mails) {
  for (const mail of mails || []) {
    if (mail && typeof mail === "object" && mail.id && mail.subject) subjects.set(mail.id, mail.subject);
  }
}

export function subjectOf(id) {
  return subjects.get(id) || null;
}

// `text` with every mail id it names replaced by “subject” (or left as it is when unknown).
export function withSubjects(text) {
  return String(text || "").replace(ID, (found) => {
    const id = found.replace(/…$/, "");
    const key = subjects.has(id) ? id : [...subjects.keys()].find((known) => known.startsWith(id));
    return key ? `“${subjects.get(key)}”` : found;
  });
}
