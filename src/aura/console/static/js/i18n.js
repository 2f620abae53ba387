// The console's language: every label, sentence and date the console writes itself follows one
// UI language (Korean or English), taken from the browser on the first visit, switchable, and
// remembered in localStorage. Text that comes from elsewhere (mail, the prompt, Aura's answer)
// keeps its own language and is marked with a `lang` attribute of its own (contentLang).

const KEY = "aura.language";
export const LANGUAGES = { en: "English", ko: "한국어" };

const mails = (n) => (n === 1 ? "1 mail" : `${n} mails`);

const STRINGS = {
  en: {
    "app.tagline": "The workplace assistant that asks before it acts.",
    "app.skip": "Skip to the assistant",
    "app.language": "Language",
    "login.tenant": "Tenant",
    "login.username": "User name",
    "login.password": "Password",
    "login.submit": "Log in",
    "login.hint": "Demo: tenant {tenant}, user {user}, password {password} (approver: {approver}).",
    "login.missingTenant": "Enter your tenant (for example tenant1).",
    "login.missingUser": "Enter your user name.",
    "login.missingPassword": "Enter your password.",
    "login.mismatch": "That user name, password and tenant do not match. Check them and try again.",
    "session.ended": "Your session has ended. Please log in again; a request that was waiting is still in “My requests”.",
    "top.logout": "Log out",
    "top.role.approver": "approver",
    "top.role.admin": "admin",
    "pane.switch": "Show",
    "pane.mail": "Mail",
    "pane.assistant": "Assistant",
    "folder.inbox": "Inbox",
    "folder.sent": "Sent",
    "folder.trash": "Trash",
    "folder.label": ({ name, unread, total }) =>
      `${name}${unread ? `, ${unread} unread` : ""}${total !== undefined ? `, ${mails(total)}` : ""}`,
    "mail.folders": "Folders",
    "mail.selected": "{n} selected",
    "mail.restoreSelected": "Restore selected",
    "mail.clearSelection": "Clear selection",
    "mail.previous": "Previous page",
    "mail.next": "Next page",
    "mail.range": "{first}–{last} of {total}",
    "mail.select": "Select “{subject}”",
    "mail.columns": ["Select", "From", "Subject", "Received"],
    "mail.none": "No mail here.",
    "mail.noSubject": "(no subject)",
    "mail.unread": "unread",
    "mail.open": "Open mail",
    "mail.close": "Close",
    "mail.restore": "Restore",
    "mail.meta": "From {from} · to {to} · {date}",
    "mail.context": "Aura sees: {place}",
    "mail.contextOpen": "1 open mail",
    "assistant.heading": "Assistant",
    "assistant.ask": "Ask Aura",
    "assistant.placeholder": "For example: show my unread mails",
    "assistant.send": "Send",
    "assistant.stop": "Stop",
    "assistant.hint": "Enter sends · Shift+Enter adds a line · Aura asks before it changes anything.",
    "assistant.empty": "Type what you would like Aura to do.",
    "assistant.busy": "Aura is still working on the last request; wait for it or press Stop.",
    "assistant.greeting": "Hello {name}. I can read, find, tidy up and send your mail — and I ask before I change anything.",
    "assistant.examplesLabel": "Try one of these",
    "assistant.interrupted": "This request was interrupted before Aura started on it; ask again.",
    "assistant.reattaching": "Re-attaching to the run…",
    "assistant.stopped": "Stopped before Aura answered.",
    "assistant.cancelling": "Stopping…",
    "assistant.dropped": "The connection dropped; re-attaching to the run…",
    "assistant.lost": "The connection to Aura was lost and could not be re-established. Check “My requests” to see what became of it, or ask again.",
    "assistant.resumed": "Your request from {time}",
    "example.unread": "Show my unread mails",
    "example.summary": "Summarize this mail",
    "example.newest": "Read the newest mail",
    "example.delete": "Delete the 2 oldest mails",
    "example.deleteSelected": "Delete the selected mails",
    "example.restore": "Restore 2 mails from the trash",
    "phase.label": "Progress",
    "phase.analysis": "Understanding",
    "phase.planning": "Planning",
    "phase.execution": "Doing it",
    "phase.verification": "Checking",
    "phase.status.pending": "not started",
    "phase.status.processing": "in progress",
    "phase.status.completed": "done",
    "phase.status.failed": "failed",
    "phase.status.stopped": "stopped",
    "plan.heading": "Plan",
    "plan.status.pending": "to do",
    "plan.status.approved": "approved",
    "plan.status.executing": "in progress",
    "plan.status.completed": "done",
    "plan.status.failed": "failed",
    "plan.status.skipped": "skipped",
    "plan.status.stopped": "not finished",
    "thoughts": "How Aura is thinking ({n})",
    "tool.list_messages": "Looked through your mail",
    "tool.search_messages": "Searched your mail",
    "tool.read_message": "Read a mail",
    "tool.mark_read": "Changed read marks",
    "tool.delete_messages": "Move mails to Trash",
    "tool.restore_messages": "Restore mails from Trash",
    "tool.send_message": "Send a mail",
    "tool.other": "Ran “{tool}”",
    "tool.status.running": "working…",
    "tool.status.completed": "done",
    "tool.status.failed": "failed",
    "tool.status.cancelled": "not done",
    "tool.details": "Details",
    "tool.failed": "This step failed.",
    "tool.notRun.rejected": "Not done: the request was rejected{reason}.",
    "tool.notRun.expired": "Not done: no decision came in time.",
    "tool.found": ({ n }) => (n === 0 ? "No mails found." : `Found ${mails(n)}:`),
    "tool.moved": ({ n }) => `Moved ${mails(n)} to Trash:`,
    "tool.restored": ({ n }) => `Restored ${mails(n)}:`,
    "tool.marked": ({ n, read }) => `Marked ${mails(n)} as ${read ? "read" : "unread"}.`,
    "tool.sent": "Sent “{subject}” to {to}.",
    "tool.read": "Opened “{subject}” from {from}.",
    "tool.more": "and {n} more",
    "tool.undo": "Undo: put these mails back",
    "tool.undone": "Put back in the folder they came from.",
    "end.completed": "Done.",
    "end.rejected": "Stopped: the action was rejected, so nothing was changed.",
    "end.failed": "Aura could not finish this request.",
    "end.cancelled": "Stopped. Nothing further was done.",
    "end.announce": "{status} {answer}",
    "run.error": "Something went wrong.",
    "run.expired": "No decision came in time; nothing was done.",
    "card.needs": "Aura needs your approval before it continues.",
    "card.delete.title": ({ n }) => `Move ${mails(n)} to Trash`,
    "card.delete.message": ({ n, total }) => (n === total
      ? `Aura will move the ${n === 1 ? "mail" : `${n} mails`} below to Trash. Untick a mail to keep it.`
      : `Aura will move ${n} of the ${total} mails below to Trash; the unticked ones stay where they are.`),
    "card.delete.undo": "You can undo this: mails in Trash stay there until you restore them.",
    "card.send.title": "Send “{subject}”",
    "card.send.message": "Aura will send this mail as you:",
    "card.send.undo": "This cannot be undone: a sent mail cannot be taken back.",
    "card.other.title": "Let Aura run “{tool}”",
    "card.other.message": "Aura wants to run this action:",
    "card.other.undo": "Aura cannot tell whether this can be undone.",
    "card.to": "To",
    "card.subject": "Subject",
    "card.body": "Message",
    "card.mails": "The mails — untick one to leave it out",
    "card.expiresIn": "Expires in {clock}",
    "card.requestedBy": "Requested by {name}",
    "card.details": "Details",
    "card.request": "Request",
    "card.action": "Action",
    "card.auraSaid": "Aura’s words",
    "card.params": "Exact parameters",
    "card.editParams": "Edit parameters",
    "card.closeEditor": "Close the editor",
    "card.editorLabel": "Parameters to run (JSON)",
    "card.approve": "Approve",
    "card.approveSome": "Approve {n} of {total}",
    "card.approveEdited": "Approve edited",
    "card.reason": "Reason (optional)",
    "card.reject": "Reject",
    "card.defaultReason": "Declined without a reason",
    "card.approving": "Approving…",
    "card.rejecting": "Rejecting…",
    "card.keepOne": "Keep at least one mail, or reject the request.",
    "card.notJson": "The parameters are not valid JSON ({detail}). Fix them or close the editor.",
    "card.notObject": "The parameters must be a JSON object. Fix them or close the editor.",
    "card.notIdList": "“ids” must be a list of the mails shown above.",
    "card.outside": "{ids} is not one of the mails shown above; only those can be included.",
    "card.onlyIds": "Only the choice of mails can be changed here; “{key}” must stay as it is.",
    "card.approvedBy": "Approved by {name} at {time}.",
    "card.approvedByYou": "Approved by you at {time}.",
    "card.rejectedByYou": "Rejected by you at {time}.",
    "card.rejectedBy": "Rejected by {name} at {time}.",
    "card.approvedHere": "Approved. Aura is going on with it…",
    "card.was.approved": "Approved.",
    "card.was.rejected": "Rejected. Nothing was changed.",
    "card.rejectedHere": "Rejected. Nothing will be changed.",
    "card.already": "This was already decided: {what}",
    "card.expired": "This request expired before anyone decided; nothing was done.",
    "card.slow": "Approved, but Aura has not gone on yet. It may be busy: keep waiting, or press Stop to end the request.",
    "card.lost": "Aura stopped before this was carried out. Check “My requests” to see what became of it.",
    "card.closed": "This request is no longer waiting for a decision.",
    "card.cancelled": "The request was stopped before anyone decided; nothing was done.",
    "card.decidedElsewhere": "Decided elsewhere, or expired.",
    "status.pending": "waiting",
    "status.approved": "approved",
    "status.rejected": "rejected",
    "status.expired": "expired",
    "status.closed": "closed",
    "pending.heading": "Waiting for your decision",
    "pending.refresh": "Refresh",
    "pending.empty": "Nothing in your tenant is waiting for a decision.",
    "mine.heading": "My requests",
    "mine.waiting": "{n} waiting",
    "mine.empty": "You have no recent requests that needed an approval.",
    "mine.open": "Show",
    "mine.item": "{title} · {status} · {time}",
    "mine.decided": "{status} by {name} at {time}",
    "mine.decidedByYou": "{status} by you at {time}",
    "error.unreachable": "Aura cannot be reached right now. Check your connection (or that Aura is running) and try again.",
    "error.401": "You are not logged in, or your session has ended. Please log in again.",
    "error.403": "You are not allowed to do that.",
    "error.404": "That could not be found; it may have expired or been removed.",
    "error.409": "That was already decided, or is no longer waiting for a decision.",
    "error.413": "That request is too large.",
    "error.502": "A part of Aura is not answering right now. Try again in a moment.",
    "error.504": "A part of Aura took too long to answer. Try again in a moment.",
    "error.other": "Aura answered with an unexpected error ({status}). Try again.",
    "error.tryAgain": "Try again.",
  },
  ko: {
    "app.tagline": "실행하기 전에 먼저 묻는 업무 도우미입니다.",
    "app.skip": "도우미로 바로 가기",
    "app.language": "언어",
    "login.tenant": "테넌트",
    "login.username": "사용자 이름",
    "login.password": "비밀번호",
    "login.submit": "로그인",
    "login.hint": "데모: 테넌트 {tenant}, 사용자 {user}, 비밀번호 {password} (승인자: {approver}).",
    "login.missingTenant": "테넌트를 입력하세요 (예: tenant1).",
    "login.missingUser": "사용자 이름을 입력하세요.",
    "login.missingPassword": "비밀번호를 입력하세요.",
    "login.mismatch": "사용자 이름, 비밀번호, 테넌트가 맞지 않습니다. 확인하고 다시 시도하세요.",
    "session.ended": "로그인이 만료되었습니다. 다시 로그인하세요. 기다리던 요청은 ‘내 요청’에 그대로 있습니다.",
    "top.logout": "로그아웃",
    "top.role.approver": "승인자",
    "top.role.admin": "관리자",
    "pane.switch": "보기",
    "pane.mail": "메일",
    "pane.assistant": "도우미",
    "folder.inbox": "받은편지함",
    "folder.sent": "보낸편지함",
    "folder.trash": "휴지통",
    "folder.label": ({ name, unread, total }) =>
      `${name}${unread ? `, 안 읽음 ${unread}개` : ""}${total !== undefined ? `, 메일 ${total}개` : ""}`,
    "mail.folders": "편지함",
    "mail.selected": "{n}개 선택됨",
    "mail.restoreSelected": "선택한 메일 복원",
    "mail.clearSelection": "선택 해제",
    "mail.previous": "이전 페이지",
    "mail.next": "다음 페이지",
    "mail.range": "{total}개 중 {first}–{last}",
    "mail.select": "“{subject}” 선택",
    "mail.columns": ["선택", "보낸 사람", "제목", "받은 시각"],
    "mail.none": "메일이 없습니다.",
    "mail.noSubject": "(제목 없음)",
    "mail.unread": "안 읽음",
    "mail.open": "열린 메일",
    "mail.close": "닫기",
    "mail.restore": "복원",
    "mail.meta": "보낸 사람 {from} · 받는 사람 {to} · {date}",
    "mail.context": "Aura가 보는 화면: {place}",
    "mail.contextOpen": "열린 메일 1개",
    "assistant.heading": "도우미",
    "assistant.ask": "Aura에게 요청",
    "assistant.placeholder": "예: 안 읽은 메일 보여줘",
    "assistant.send": "보내기",
    "assistant.stop": "중지",
    "assistant.hint": "Enter로 보내기 · Shift+Enter로 줄 바꿈 · Aura는 무언가를 바꾸기 전에 먼저 묻습니다.",
    "assistant.empty": "Aura에게 맡길 일을 입력하세요.",
    "assistant.busy": "Aura가 아직 이전 요청을 처리하고 있습니다. 기다리거나 중지를 누르세요.",
    "assistant.greeting": "안녕하세요, {name}님. 메일을 읽고, 찾고, 정리하고, 보내 드릴 수 있습니다. 무언가를 바꾸기 전에는 꼭 먼저 여쭙니다.",
    "assistant.examplesLabel": "이렇게 요청해 보세요",
    "assistant.interrupted": "Aura가 시작하기 전에 요청이 끊겼습니다. 다시 요청하세요.",
    "assistant.reattaching": "실행 중인 요청에 다시 연결하는 중…",
    "assistant.stopped": "Aura가 답하기 전에 중지했습니다.",
    "assistant.cancelling": "중지하는 중…",
    "assistant.dropped": "연결이 끊겼습니다. 다시 연결하는 중…",
    "assistant.lost": "Aura와의 연결이 끊겨 다시 연결하지 못했습니다. ‘내 요청’에서 결과를 확인하거나 다시 요청하세요.",
    "assistant.resumed": "{time}에 보낸 요청",
    "example.unread": "안 읽은 메일 보여줘",
    "example.summary": "이 메일 요약해줘",
    "example.newest": "최근 메일 읽어줘",
    "example.delete": "가장 오래된 메일 2개 지워줘",
    "example.deleteSelected": "선택한 메일 삭제해줘",
    "example.restore": "휴지통에서 메일 2개 복구해줘",
    "phase.label": "진행 상황",
    "phase.analysis": "이해",
    "phase.planning": "계획",
    "phase.execution": "실행",
    "phase.verification": "확인",
    "phase.status.pending": "시작 전",
    "phase.status.processing": "진행 중",
    "phase.status.completed": "완료",
    "phase.status.failed": "실패",
    "phase.status.stopped": "중단됨",
    "plan.heading": "계획",
    "plan.status.pending": "할 일",
    "plan.status.approved": "승인됨",
    "plan.status.executing": "진행 중",
    "plan.status.completed": "완료",
    "plan.status.failed": "실패",
    "plan.status.skipped": "건너뜀",
    "plan.status.stopped": "끝내지 못함",
    "thoughts": "Aura의 생각 ({n})",
    "tool.list_messages": "메일 목록 확인",
    "tool.search_messages": "메일 검색",
    "tool.read_message": "메일 읽기",
    "tool.mark_read": "읽음 표시 변경",
    "tool.delete_messages": "메일을 휴지통으로 이동",
    "tool.restore_messages": "휴지통에서 메일 복원",
    "tool.send_message": "메일 보내기",
    "tool.other": "“{tool}” 실행",
    "tool.status.running": "진행 중…",
    "tool.status.completed": "완료",
    "tool.status.failed": "실패",
    "tool.status.cancelled": "실행 안 함",
    "tool.details": "자세히",
    "tool.failed": "이 단계가 실패했습니다.",
    "tool.notRun.rejected": "실행하지 않았습니다: 요청이 거절되었습니다{reason}.",
    "tool.notRun.expired": "실행하지 않았습니다: 제시간에 결정이 없었습니다.",
    "tool.found": ({ n }) => (n === 0 ? "찾은 메일이 없습니다." : `메일 ${n}개를 찾았습니다:`),
    "tool.moved": ({ n }) => `메일 ${n}개를 휴지통으로 옮겼습니다:`,
    "tool.restored": ({ n }) => `메일 ${n}개를 복원했습니다:`,
    "tool.marked": ({ n, read }) => `메일 ${n}개를 ${read ? "읽음" : "안 읽음"}으로 표시했습니다.`,
    "tool.sent": "{to}에게 “{subject}” 메일을 보냈습니다.",
    "tool.read": "{from}의 “{subject}” 메일을 열었습니다.",
    "tool.more": "외 {n}개",
    "tool.undo": "되돌리기: 이 메일들을 원래 자리로",
    "tool.undone": "원래 편지함으로 되돌렸습니다.",
    "end.completed": "완료했습니다.",
    "end.rejected": "거절되어 중지했습니다. 아무것도 바뀌지 않았습니다.",
    "end.failed": "Aura가 이 요청을 끝내지 못했습니다.",
    "end.cancelled": "중지했습니다. 더 이상 아무것도 하지 않았습니다.",
    "end.announce": "{status} {answer}",
    "run.error": "문제가 생겼습니다.",
    "run.expired": "제시간에 결정이 없어 아무것도 하지 않았습니다.",
    "card.needs": "계속하기 전에 Aura에게 승인이 필요합니다.",
    "card.delete.title": ({ n }) => `메일 ${n}개를 휴지통으로 이동`,
    "card.delete.message": ({ n, total }) => (n === total
      ? `Aura가 아래 메일 ${n}개를 휴지통으로 옮깁니다. 남겨 둘 메일은 선택을 해제하세요.`
      : `Aura가 아래 메일 ${total}개 중 ${n}개를 휴지통으로 옮깁니다. 선택을 해제한 메일은 그대로 둡니다.`),
    "card.delete.undo": "되돌릴 수 있습니다: 휴지통의 메일은 복원할 때까지 그대로 남아 있습니다.",
    "card.send.title": "“{subject}” 메일 보내기",
    "card.send.message": "Aura가 내 이름으로 이 메일을 보냅니다:",
    "card.send.undo": "되돌릴 수 없습니다: 보낸 메일은 취소할 수 없습니다.",
    "card.other.title": "“{tool}” 실행 허용",
    "card.other.message": "Aura가 다음 작업을 실행하려고 합니다:",
    "card.other.undo": "되돌릴 수 있는지 Aura가 알 수 없습니다.",
    "card.to": "받는 사람",
    "card.subject": "제목",
    "card.body": "내용",
    "card.mails": "대상 메일 — 선택을 해제하면 제외됩니다",
    "card.expiresIn": "{clock} 후 만료",
    "card.requestedBy": "요청한 사람: {name}",
    "card.details": "자세히",
    "card.request": "요청",
    "card.action": "작업",
    "card.auraSaid": "Aura의 설명",
    "card.params": "정확한 매개변수",
    "card.editParams": "매개변수 편집",
    "card.closeEditor": "편집기 닫기",
    "card.editorLabel": "실행할 매개변수 (JSON)",
    "card.approve": "승인",
    "card.approveSome": "{total}개 중 {n}개 승인",
    "card.approveEdited": "편집한 내용으로 승인",
    "card.reason": "거절 사유 (선택)",
    "card.reject": "거절",
    "card.defaultReason": "사유 없이 거절함",
    "card.approving": "승인하는 중…",
    "card.rejecting": "거절하는 중…",
    "card.keepOne": "메일을 하나 이상 남기거나 요청을 거절하세요.",
    "card.notJson": "매개변수가 올바른 JSON이 아닙니다 ({detail}). 고치거나 편집기를 닫으세요.",
    "card.notObject": "매개변수는 JSON 객체여야 합니다. 고치거나 편집기를 닫으세요.",
    "card.notIdList": "“ids”는 위에 보이는 메일의 목록이어야 합니다.",
    "card.outside": "{ids}은(는) 위에 보이는 메일이 아닙니다. 보이는 메일만 포함할 수 있습니다.",
    "card.onlyIds": "여기서는 메일 선택만 바꿀 수 있습니다. “{key}”은(는) 그대로 두어야 합니다.",
    "card.approvedBy": "{name}님이 {time}에 승인했습니다.",
    "card.approvedByYou": "{time}에 내가 승인했습니다.",
    "card.rejectedByYou": "{time}에 내가 거절했습니다.",
    "card.rejectedBy": "{name}님이 {time}에 거절했습니다.",
    "card.approvedHere": "승인했습니다. Aura가 이어서 진행합니다…",
    "card.was.approved": "승인되었습니다.",
    "card.was.rejected": "거절되었습니다. 아무것도 바뀌지 않았습니다.",
    "card.rejectedHere": "거절했습니다. 아무것도 바뀌지 않습니다.",
    "card.already": "이미 결정된 요청입니다: {what}",
    "card.expired": "아무도 결정하지 않아 요청이 만료되었습니다. 아무것도 하지 않았습니다.",
    "card.slow": "승인했지만 Aura가 아직 진행하지 않았습니다. 바쁠 수 있으니 기다리거나, 중지를 눌러 요청을 끝내세요.",
    "card.lost": "실행되기 전에 Aura가 멈췄습니다. ‘내 요청’에서 결과를 확인하세요.",
    "card.closed": "이 요청은 더 이상 결정을 기다리지 않습니다.",
    "card.cancelled": "아무도 결정하기 전에 요청이 중지되었습니다. 아무것도 하지 않았습니다.",
    "card.decidedElsewhere": "다른 곳에서 결정되었거나 만료되었습니다.",
    "status.pending": "대기 중",
    "status.approved": "승인됨",
    "status.rejected": "거절됨",
    "status.expired": "만료됨",
    "status.closed": "종료됨",
    "pending.heading": "내 결정을 기다리는 요청",
    "pending.refresh": "새로 고침",
    "pending.empty": "테넌트에서 결정을 기다리는 요청이 없습니다.",
    "mine.heading": "내 요청",
    "mine.waiting": "{n}개 대기 중",
    "mine.empty": "최근에 승인이 필요했던 요청이 없습니다.",
    "mine.open": "보기",
    "mine.item": "{title} · {status} · {time}",
    "mine.decided": "{name}님이 {time}에 결정: {status}",
    "mine.decidedByYou": "{time}에 내가 결정: {status}",
    "error.unreachable": "지금은 Aura에 연결할 수 없습니다. 네트워크(또는 Aura가 실행 중인지)를 확인하고 다시 시도하세요.",
    "error.401": "로그인하지 않았거나 로그인이 만료되었습니다. 다시 로그인하세요.",
    "error.403": "이 작업을 할 권한이 없습니다.",
    "error.404": "찾을 수 없습니다. 만료되었거나 삭제되었을 수 있습니다.",
    "error.409": "이미 결정되었거나 더 이상 결정을 기다리지 않는 요청입니다.",
    "error.413": "요청이 너무 큽니다.",
    "error.502": "Aura의 일부가 지금 응답하지 않습니다. 잠시 후 다시 시도하세요.",
    "error.504": "Aura의 일부가 너무 오래 응답하지 않았습니다. 잠시 후 다시 시도하세요.",
    "error.other": "예상하지 못한 오류가 났습니다 ({status}). 다시 시도하세요.",
    "error.tryAgain": "다시 시도하세요.",
  },
};

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
