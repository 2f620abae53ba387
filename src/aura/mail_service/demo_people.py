"""Who writes the demo mail: each demo company's people, and correspondents from outside."""

from dataclasses import dataclass
from typing import Literal

SenderKind = Literal["colleague", "hr", "security", "vendor", "newsletter", "client"]


@dataclass(frozen=True)
class Person:
    name: str
    address: str


@dataclass(frozen=True)
class Company:
    colleagues: tuple[Person, ...]
    hr: Person
    security: Person
    korean_share: float


def _people(domain: str, *pairs: tuple[str, str]) -> tuple[Person, ...]:
    return tuple(Person(name, f"{local}@{domain}") for name, local in pairs)


COMPANIES: dict[str, Company] = {
    "tenant1": Company(
        _people(
            "tenant1.example.com",
            ("김철수", "chulsoo.kim"),
            ("박지현", "jihyun.park"),
            ("이서준", "seojun.lee"),
            ("최유나", "yuna.choi"),
            ("정민호", "minho.jung"),
        ),
        hr=Person("인사팀", "hr@tenant1.example.com"),
        security=Person("IT 보안팀", "security@tenant1.example.com"),
        korean_share=0.7,
    ),
    "default": Company(
        _people(
            "default.example.com",
            ("Kim Hana", "hana.kim"),
            ("Daniel Cho", "daniel.cho"),
            ("윤서연", "seoyeon.yoon"),
            ("한도윤", "doyoon.han"),
        ),
        hr=Person("People Team", "people@default.example.com"),
        security=Person("IT Security", "security@default.example.com"),
        korean_share=0.5,
    ),
    "acme": Company(
        _people(
            "acme.example",
            ("Carol Nguyen", "carol.nguyen"),
            ("David Kim", "david.kim"),
            ("Erin Walsh", "erin.walsh"),
            ("송하린", "harin.song"),
        ),
        hr=Person("Acme HR", "hr@acme.example"),
        security=Person("Acme IT Security", "it-security@acme.example"),
        korean_share=0.3,
    ),
}

# A tenant added to the demo list without a company of its own borrows this one's people.
FALLBACK_COMPANY = COMPANIES["default"]

OUTSIDERS: dict[SenderKind, tuple[Person, ...]] = {
    "vendor": (
        Person("클라우드호스트 청구팀", "billing@cloudhost.example.net"),
        Person("OfficePlus Billing", "billing@officeplus.example.kr"),
    ),
    "newsletter": (
        Person("Tech Weekly", "newsletter@techweekly.example.org"),
        Person("DevSummit 2026", "events@devsummit.example.org"),
    ),
    "client": (
        Person("Jordan Blake (Northwind)", "jordan.blake@northwind.example.com"),
        Person("이지은 (한빛컨설팅)", "jieun.lee@hanbit-consulting.example.kr"),
        Person("Priya Raman (Contoso)", "priya.raman@contoso.example.com"),
    ),
}
