"""Fixed sample data for `followup demo`, screenshots and tests.

Dated relative to `now` so that something is always due: an interview
tomorrow, a thank-you due today, an overdue follow-up, a card to let go; and
one job saved but not applied to yet. New applications go at the end, so
that the earlier ones keep their ids.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from .model import Application, Contact, Event, Interview


def _day(now: datetime, days: int) -> date:
    return (now + timedelta(days=days)).date()


def demo_applications(now: datetime) -> list[Application]:
    def ago(days: float = 0, hours: float = 0) -> datetime:
        return now - timedelta(days=days, hours=hours)

    def sent(kind: str, when: datetime, to: str) -> Event:
        return Event(at=when, kind="message-sent", message_kind=kind, recipient=to)

    def moved(src: str, dst: str, when: datetime) -> Event:
        return Event(at=when, kind="stage-change", from_stage=src, to_stage=dst)

    apps = [
        Application(
            company="Northwind Analytics",
            role="Senior Data Engineer",
            company_domain="northwind-analytics.com",
            stage="applied",
            channel="email",
            contacts=[Contact("Priya Raman", "Talent Partner", "priya.raman@northwind-analytics.com")],
            location="Remote (EU)",
            tags=["data", "python"],
            source="LinkedIn",
            applied_on=_day(now, -4),
            created=ago(4),
        ),
        Application(
            company="Bluebird Logistics",
            role="Platform Engineer",
            company_domain="bluebird-logistics.com",
            stage="applied",
            channel="portal",
            contacts=[Contact("Tom Becker", "Recruiter", "tom.becker@bluebird-logistics.com")],
            location="Hamburg",
            priority="low",
            applied_on=_day(now, -9),
            created=ago(9),
        ),
        Application(
            company="Lumen Health",
            role="Backend Developer",
            company_domain="lumenhealth.io",
            stage="interview",
            channel="email",
            contacts=[Contact("Grace Okafor", "Engineering Manager", "grace@lumenhealth.io")],
            interviews=[Interview(at=now + timedelta(days=1, hours=2), kind="technical", with_names=["Grace Okafor"])],
            created=ago(12),
            events=[moved("applied", "interview", ago(3))],
        ),
        Application(
            company="Orbital Robotics",
            role="Site Reliability Engineer",
            company_domain="orbital-robotics.com",
            stage="interview",
            channel="email",
            contacts=[
                Contact("Maya Lindqvist", "Head of Infrastructure", "maya.lindqvist@orbital-robotics.com"),
                Contact("Jon Park", "SRE Lead", "jon.park@orbital-robotics.com"),
            ],
            interviews=[
                Interview(at=ago(hours=20), kind="onsite", with_names=["Maya Lindqvist", "Jon Park"]),
            ],
            decision_by=_day(now, 6),
            location="Toulouse (hybrid)",
            priority="high",
            tags=["sre"],
            created=ago(15),
            events=[moved("applied", "interview", ago(8))],
        ),
        Application(
            company="Cobalt Studio",
            role="Frontend Engineer",
            company_domain="cobaltstudio.design",
            stage="interview",
            channel="linkedin",
            contacts=[Contact("Leo Martins", "Design Director", "leo@cobaltstudio.design")],
            interviews=[Interview(at=ago(days=2), kind="video call", with_names=["Leo Martins"])],
            location="Remote",
            tags=["design-systems"],
            created=ago(10),
            events=[moved("applied", "interview", ago(5))],
        ),
        Application(
            company="Harbor Bank",
            role="Security Analyst",
            company_domain="harborbank.com",
            stage="thanked",
            channel="email",
            contacts=[Contact("Ruth Adeyemi", "Hiring Manager", "ruth.adeyemi@harborbank.com")],
            interviews=[Interview(at=ago(days=12), kind="panel", with_names=["Ruth Adeyemi"])],
            decision_by=_day(now, -6),
            created=ago(25),
            events=[
                moved("applied", "interview", ago(16)),
                sent("thank-you", ago(days=11, hours=20), "ruth.adeyemi@harborbank.com"),
                moved("interview", "thanked", ago(days=11, hours=20)),
            ],
        ),
        Application(
            company="Fernwood Games",
            role="Gameplay Programmer",
            company_domain="fernwoodgames.com",
            stage="thanked",
            channel="email",
            contacts=[Contact("Ines Duarte", "Studio Lead", "ines@fernwoodgames.com")],
            interviews=[Interview(at=ago(days=3), kind="technical", with_names=["Ines Duarte"])],
            decision_by=_day(now, 9),
            created=ago(20),
            events=[
                sent("thank-you", ago(days=2, hours=22), "ines@fernwoodgames.com"),
                moved("interview", "thanked", ago(days=2, hours=22)),
            ],
        ),
        Application(
            company="Quarry & Co",
            role="Data Analyst",
            company_domain="quarryco.com",
            stage="following-up",
            channel="email",
            contacts=[Contact("Sam Whitfield", "Analytics Manager", "sam.whitfield@quarryco.com")],
            interviews=[Interview(at=ago(days=24), kind="onsite", with_names=["Sam Whitfield"])],
            decision_by=_day(now, -18),
            created=ago(40),
            events=[
                sent("thank-you", ago(days=23, hours=20), "sam.whitfield@quarryco.com"),
                sent("follow-up", ago(days=12), "sam.whitfield@quarryco.com"),
                moved("thanked", "following-up", ago(days=12)),
            ],
        ),
        Application(
            company="Tidewater Energy",
            role="Controls Engineer",
            company_domain="tidewater-energy.com",
            stage="following-up",
            channel="phone",
            contacts=[Contact("Olu Bankole", "Plant Manager", "olu.bankole@tidewater-energy.com", "+1 555 0142")],
            interviews=[Interview(at=ago(days=38), kind="onsite", with_names=["Olu Bankole"])],
            decision_by=_day(now, -30),
            created=ago(50),
            events=[
                sent("thank-you", ago(days=37, hours=21), "olu.bankole@tidewater-energy.com"),
                sent("follow-up", ago(days=24), "olu.bankole@tidewater-energy.com"),
                sent("follow-up", ago(days=14), "olu.bankole@tidewater-energy.com"),
                moved("thanked", "following-up", ago(days=24)),
            ],
        ),
        Application(
            company="Meridian Press",
            role="Technical Writer",
            company_domain="meridianpress.org",
            stage="thanked",
            channel="email",
            do_not_contact=True,
            contacts=[Contact("Hana Sato", "Managing Editor", "hana.sato@meridianpress.org")],
            interviews=[Interview(at=ago(days=6), kind="video call", with_names=["Hana Sato"])],
            decision_by=_day(now, 4),
            notes="Asked candidates not to follow up; they will call.",
            created=ago(18),
            events=[sent("thank-you", ago(days=5, hours=22), "hana.sato@meridianpress.org")],
        ),
        Application(
            company="Sable Systems",
            role="Staff Software Engineer",
            company_domain="sablesystems.com",
            stage="offer",
            channel="email",
            contacts=[Contact("Dev Malhotra", "CTO", "dev@sablesystems.com")],
            interviews=[Interview(at=ago(days=9), kind="final", with_names=["Dev Malhotra"])],
            location="Amsterdam",
            priority="high",
            salary="95-110k EUR",
            created=ago(30),
            events=[
                sent("thank-you", ago(days=8, hours=21), "dev@sablesystems.com"),
                Event(at=ago(days=2), kind="response", text="Verbal offer; written offer to follow"),
                moved("thanked", "offer", ago(days=2)),
            ],
        ),
        Application(
            company="Kestrel Media",
            role="QA Engineer",
            company_domain="kestrelmedia.tv",
            stage="closed",
            outcome="rejected",
            channel="email",
            contacts=[Contact("Ana Petrov", "QA Manager", "ana.petrov@kestrelmedia.tv")],
            interviews=[Interview(at=ago(days=21), kind="phone screen", with_names=["Ana Petrov"])],
            created=ago(35),
            events=[
                Event(at=ago(days=15), kind="response", text="Went with another candidate"),
                moved("interview", "closed", ago(days=15)),
            ],
        ),
        Application(
            company="Aurora Maps",
            role="Mobile Developer",
            company_domain="aurora-maps.com",
            stage="saved",
            channel="portal",
            job_url="https://aurora-maps.com/careers/mobile-developer",
            location="Lisbon (hybrid)",
            source="company site",
            priority="medium",
            tags=["mobile", "kotlin"],
            notes="Saved from their careers page; apply before the end of the month.",
            created=ago(1),
        ),
    ]
    for app in apps:
        app.updated = app.created
    return apps
