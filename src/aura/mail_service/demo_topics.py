"""What the demo mail is about: subject and body templates in Korean and English.

Placeholders are filled per message by the demo mail writer (`demo_mail.py`).
"""

from dataclasses import dataclass

from aura.mail_service.demo_people import SenderKind


@dataclass(frozen=True)
class Template:
    subject: str
    body: str


@dataclass(frozen=True)
class Topic:
    kind: str
    # Who writes this kind of mail (or, for sent mail, who it goes to).
    correspondent: SenderKind
    ko: Template
    en: Template


PROJECTS: tuple[tuple[str, str], ...] = (
    ("Aura 도입", "Aura rollout"),
    ("DWP 포털 개편", "DWP portal redesign"),
    ("Phoenix", "Phoenix"),
    ("Atlas 데이터 이전", "Atlas data migration"),
    ("모바일 앱 2.0", "Mobile app 2.0"),
    ("Orion", "Orion"),
)
DAYS_KO = ("월요일", "화요일", "수요일", "목요일", "금요일")
DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
TIMES = ("09:30", "10:00", "11:00", "14:00", "15:30", "16:00")
QUARTERS = ("1분기", "2분기", "3분기", "4분기")
QUARTERS_EN = ("Q1", "Q2", "Q3", "Q4")

INBOX_TOPICS: tuple[Topic, ...] = (
    Topic(
        "meeting",
        "colleague",
        Template(
            "[회의] {project} 주간 회의 일정 안내",
            "{me}님 안녕하세요,\n\n이번 주 {project} 주간 "
            "회의를 {day_ko} {time}에 3층 대회의실에서 "
            "진행합니다. 안건은 진행 현황 공유와 다음 마일스톤 일정 조율입니다.\n"
            "참석이 어려우시면 회신 부탁드립니다.\n\n감사합니다.\n{sender} 드림",
        ),
        Template(
            "Weekly sync for {project} on {day_en}",
            "Hi {me},\n\nOur weekly {project} sync is on {day_en} at {time} in the large meeting "
            "room (and on the usual video link). Agenda: status round, open risks, next milestone "
            "dates.\nLet me know if you can't make it.\n\nThanks,\n{sender}",
        ),
    ),
    Topic(
        "report",
        "colleague",
        Template(
            "[보고] {quarter_ko} {project} 실적 보고서 검토 요청",
            "{me}님,\n\n{quarter_ko} {project} 실적 "
            "보고서 초안을 공유드립니다. 매출은 전 분기 대비 "
            "{percent}% 증가했고, 비용 항목은 2페이지에 정리했습니다.\n{day_ko}까지 검토 의견을 "
            "주시면 최종본에 반영하겠습니다.\n\n{sender} 드림",
        ),
        Template(
            "Please review: {quarter_en} report for {project}",
            "Hi {me},\n\nAttached is the draft {quarter_en} report for {project}. Revenue is up "
            "{percent}% on the previous quarter; the cost breakdown is on page 2.\nCould you send "
            "your comments by {day_en}? I will fold them into the "
            "final version.\n\nBest,\n{sender}",
        ),
    ),
    Topic(
        "invoice",
        "vendor",
        Template(
            "[청구서] 세금계산서 발행 안내 ({invoice})",
            "안녕하세요, {me}님.\n\n{month}월 이용료 세금계산서(번호 {invoice})가 발행되었습니다.\n"
            "청구 금액: {amount_krw}원 (부가세 포함)\n납부 기한: 다음 달 {due}일\n\n"
            "문의 사항은 본 메일로 회신해 주세요.\n{sender}",
        ),
        Template(
            "Invoice {invoice} for {amount_usd} USD",
            "Dear {me},\n\nPlease find invoice {invoice} for the {month_en} billing period.\n"
            "Amount due: {amount_usd} USD\nDue date: the {due_en} of next month\n\n"
            "Reply to this message with any questions.\n{sender}",
        ),
    ),
    Topic(
        "newsletter",
        "newsletter",
        Template(
            "[뉴스레터] 이번 주 IT 트렌드: 생성형 AI와 업무 자동화",
            "이번 주 주요 소식\n\n1. 생성형 AI 비서, 결재 업무에 도입 확산\n2. 사내 포털 통합 사례 "
            "{number}선\n3. 보안 담당자가 알아야 할 피싱 유형\n\n구독 해지는 설정 페이지에서 "
            "가능합니다.\n{sender}",
        ),
        Template(
            "This week in workplace tech: AI assistants and approvals",
            "Top stories this week\n\n1. AI assistants that ask "
            "before they act\n2. {number} lessons "
            "from merging intranet portals\n3. Phishing patterns every team should know\n\n"
            "Manage your subscription in your settings.\n{sender}",
        ),
    ),
    Topic(
        "hr",
        "hr",
        Template(
            "[인사] 연말정산 서류 제출 안내",
            "임직원 여러분 안녕하세요.\n\n연말정산 증빙 서류 제출 기한은 {month}월 {due}일입니다. "
            "인사 시스템에서 서류를 업로드해 주시고, 문의는 인사팀으로 연락 바랍니다.\n\n{sender}",
        ),
        Template(
            "HR: benefits enrollment closes on the {due_en}",
            "Hello everyone,\n\nOpen enrollment for next year's benefits closes on the {due_en} of "
            "{month_en}. Please review your elections in the HR portal before then.\n\n{sender}",
        ),
    ),
    Topic(
        "project",
        "colleague",
        Template(
            "{project} 진행 현황 업데이트",
            "{me}님,\n\n{project} 현황 공유드립니다.\n- 완료: 요구사항 정의, 설계 검토\n- 진행 중: "
            "마일스톤 {number} 개발 ({percent}%)\n- 이슈: 외부 API 응답 지연, {day_ko}까지 대응 "
            "예정\n\n{sender} 드림",
        ),
        Template(
            "{project} status update: milestone {number}",
            "Hi {me},\n\nQuick {project} update.\n- Done: requirements, design review\n- In "
            "progress: milestone {number} ({percent}% complete)\n- Risk: a slow partner API, fix "
            "planned by {day_en}\n\nCheers,\n{sender}",
        ),
    ),
    Topic(
        "security",
        "security",
        Template(
            "[보안] 비밀번호 변경 및 피싱 메일 주의 안내",
            "안녕하세요.\n\n최근 사내 계정을 노린 피싱 메일이 "
            "확인되었습니다. 출처가 불분명한 링크는 "
            "열지 마시고, {due}일까지 비밀번호를 변경해 주세요.\n\n{sender}",
        ),
        Template(
            "Security notice: phishing attempt reported",
            "Hello,\n\nWe have seen phishing mail aimed at company accounts this week. Do not open "
            "links from unknown senders, and please rotate your password by the {due_en}.\n\n"
            "{sender}",
        ),
    ),
    Topic(
        "inquiry",
        "client",
        Template(
            "견적 문의드립니다 - {project} 관련",
            "{me}님 안녕하세요,\n\n{project} 관련하여 라이선스 "
            "{number}건에 대한 견적을 요청드립니다. "
            "가능하시면 {day_ko}까지 회신 부탁드립니다.\n\n감사합니다.\n{sender}",
        ),
        Template(
            "Question about the {project} contract renewal",
            "Hello {me},\n\nWe would like a quote for {number} additional seats as part of the "
            "{project} renewal. Could you get back to us by {day_en}?\n\nKind regards,\n{sender}",
        ),
    ),
    Topic(
        "social",
        "colleague",
        Template(
            "금요일 팀 점심 장소 투표",
            "{me}님,\n\n금요일 팀 점심 장소를 정하려고 합니다. 후보는 한식, 중식, 샐러드 "
            "{number}곳입니다. 목요일까지 의견 주세요!\n\n{sender}",
        ),
        Template(
            "Team lunch on Friday?",
            "Hi {me},\n\nWe are picking a place for Friday's team lunch: {number} options on the "
            "shortlist. Vote by Thursday!\n\n{sender}",
        ),
    ),
    Topic(
        "approval",
        "colleague",
        Template(
            "[결재 요청] 출장비 정산 ({amount_krw}원)",
            "{me}님,\n\n{day_ko} 부산 출장 경비 정산을 요청드립니다.\n총액: {amount_krw}원 "
            "(교통비, 숙박비 포함)\n영수증은 결재 시스템에 첨부했습니다.\n\n{sender} 드림",
        ),
        Template(
            "Approval needed: travel expense claim ({amount_usd} USD)",
            "Hi {me},\n\nPlease approve my travel expense claim for the client visit on {day_en}.\n"
            "Total: {amount_usd} USD (travel and hotel). Receipts are in the expense system.\n\n"
            "Thanks,\n{sender}",
        ),
    ),
)

SENT_TOPICS: tuple[Topic, ...] = (
    Topic(
        "minutes",
        "colleague",
        Template(
            "회의록 공유: {project} 주간 회의",
            "{recipient}님,\n\n오늘 {project} 주간 회의록을 "
            "공유드립니다.\n- 결정: 마일스톤 {number} "
            "일정 유지\n- 할 일: 테스트 환경 준비 ({day_ko}까지)\n\n{sender} 드림",
        ),
        Template(
            "Minutes: {project} weekly sync",
            "Hi {recipient},\n\nMinutes from today's {project} sync.\n- Decision: milestone "
            "{number} stays on schedule\n- Action: test environment ready by {day_en}\n\n{sender}",
        ),
    ),
    Topic(
        "reply",
        "colleague",
        Template(
            "RE: {project} 진행 현황 업데이트",
            "{recipient}님,\n\n공유 감사합니다. 외부 API 지연 건은 {day_ko} 회의에서 같이 "
            "논의하시죠.\n\n{sender} 드림",
        ),
        Template(
            "RE: {project} status update",
            "Thanks {recipient}, let's go through the partner API risk together on {day_en}.\n\n"
            "{sender}",
        ),
    ),
    Topic(
        "quote",
        "client",
        Template(
            "{project} 견적서 송부",
            "{recipient}님 안녕하세요,\n\n요청하신 {project} "
            "견적서를 송부드립니다. 총 {amount_krw}원"
            "이며 유효기간은 30일입니다.\n\n감사합니다.\n{sender} 드림",
        ),
        Template(
            "Your quote for {project}",
            "Hello {recipient},\n\nAs requested, here is our "
            "quote for {project}: {amount_usd} USD, "
            "valid for 30 days.\n\nBest regards,\n{sender}",
        ),
    ),
)

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")  # fmt: skip
