"""Realistic job searches of any size, for the benchmarks.

Every application has one to three contacts on the company's domain, zero to
three interview rounds consistent with its stage, and a history that matches
it (stage changes, thank-you notes per round, follow-ups, responses, notes,
sometimes a snooze or a saved draft). Stages are spread over every column
roughly as a long search looks: many applied or closed, fewer at offer.
Dates are relative to `now`, so next actions fall overdue, due today and
upcoming. Deterministic for a given seed.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime, timedelta

from followup_tui.domain.model import Application, Contact, Draft, Event, Interview

FIRST = ["Acme", "Northwind", "Bluebird", "Lumen", "Orbital", "Cobalt", "Juniper", "Harbor", "Summit",
         "Vertex", "Quarry", "Maple", "Nimbus", "Atlas", "Beacon", "Cedar", "Delta", "Ember", "Falcon", "Granite"]
SECOND = ["Analytics", "Logistics", "Health", "Robotics", "Studio", "Systems", "Labs", "Bank", "Energy",
          "Foods", "Media", "Networks", "Insurance", "Games", "Motors", "Pharma", "Retail", "Cloud"]
ROLES = ["Data Engineer", "Platform Engineer", "Backend Developer", "Site Reliability Engineer",
         "Frontend Engineer", "Support Engineer", "Product Analyst", "QA Engineer", "ML Engineer",
         "Engineering Manager", "DevOps Engineer", "Solutions Architect"]
PEOPLE = ["Priya Raman", "Tom Becker", "Grace Okafor", "Maya Lindqvist", "Jon Park", "Ana Souza",
          "Lena Vogel", "Sam Carter", "Ivan Petrov", "Mei Chen", "Omar Haddad", "Zoe Martin"]
TITLES = ["Recruiter", "Talent Partner", "Engineering Manager", "Team Lead", "Head of Data", "CTO"]
KINDS = ["phone screen", "technical", "onsite", "final"]
NOTES = [
    "Asked about the on-call rotation; they said one week in six.",
    "Salary range shared by the recruiter, fits.",
    "Team of eight, mostly remote, quarterly meetups.",
    "Prepared the system design question about rate limiting.",
    "They use Postgres and Kafka; mention the migration project.",
]
# stage -> weight, over a long search
STAGE_WEIGHTS = {"applied": 30, "interview": 18, "thanked": 12, "following-up": 12, "offer": 4, "closed": 24,
                 "saved": 8}
OUTCOMES = ["rejected", "withdrawn", "moved-on", "accepted"]


def generate(count: int, now: datetime, seed: int = 7) -> list[Application]:
    rng = random.Random(seed)
    stages = list(STAGE_WEIGHTS)
    weights = list(STAGE_WEIGHTS.values())
    apps = []
    for index in range(count):
        stage = stages[index % len(stages)] if index < len(stages) else rng.choices(stages, weights)[0]
        app = _application(rng, index, stage, now)
        for earlier, event in zip(app.events, app.events[1:]):  # a history in order
            event.at = max(event.at, earlier.at + timedelta(minutes=1))
        apps.append(app)
    return apps


def _application(rng: random.Random, index: int, stage: str, now: datetime) -> Application:
    name = f"{rng.choice(FIRST)} {rng.choice(SECOND)} {index}"
    domain = name.lower().replace(" ", "-") + ".com"
    people = rng.sample(PEOPLE, rng.randint(1, 3))
    contacts = [
        Contact(p, rng.choice(TITLES), p.lower().replace(" ", ".") + "@" + domain,
                f"+1 555 {rng.randint(100, 999)} {rng.randint(1000, 9999)}" if rng.random() < 0.5 else "")
        for p in people
    ]
    created = now - timedelta(days=rng.uniform(3 if stage == "applied" else 30, 120), hours=rng.uniform(0, 23))
    app = Application(
        company=name,
        role=rng.choice(ROLES),
        company_domain=domain,
        stage="applied",
        channel=rng.choice(["email", "email", "email", "linkedin", "portal", "phone"]),
        do_not_contact=rng.random() < 0.03,
        contacts=contacts,
        notes=rng.choice(NOTES) if rng.random() < 0.6 else "",
        created=created,
    )
    if stage == "saved":  # found, not applied yet
        app.stage = stage
        app.job_url = f"https://{domain}/jobs/{index}"
        app.events.append(Event(at=created, kind="note", text="Saved from a job board; apply this week."))
        return app
    app.events.append(Event(at=created, kind="note", text="Applied through the careers page."))
    if stage == "applied":
        app.stage = stage
        return app

    # interviews: upcoming for "interview", past for later stages
    rounds = rng.randint(1, 3)
    past_end = now - timedelta(days=rng.uniform(0.2, 20)) if stage != "interview" else now - timedelta(days=rng.uniform(1, 6))
    start = created + timedelta(days=rng.uniform(1, 3))
    for number in range(rounds):
        if stage == "interview" and number == rounds - 1:
            at = now + timedelta(days=rng.uniform(-1.2, 6))  # the latest round: just held or upcoming
        else:
            at = start + (past_end - start) * (number + 1) / rounds
        with_names = [c.name for c in rng.sample(contacts, rng.randint(1, len(contacts)))]
        app.interviews.append(Interview(at=at, kind=KINDS[min(number, len(KINDS) - 1)], with_names=with_names,
                                        notes=rng.choice(NOTES) if rng.random() < 0.4 else ""))
    first = app.interviews[0].at - timedelta(days=rng.uniform(1, 4))
    app.move_to("interview", min(max(first, created + timedelta(hours=1)), now - timedelta(days=1)))
    if rng.random() < 0.4:
        app.decision_by = (app.interviews[-1].at + timedelta(days=rng.randint(3, 14))).date()
    if stage == "interview":
        # thanked for the rounds already held (as a careful job seeker does), then back
        # to "interview" for the round ahead; sometimes the last thank-you is still owed
        for interview in app.interviews:
            if interview.ends_at + timedelta(hours=30) < now or (interview.ends_at < now and rng.random() < 0.5):
                _thank(rng, app, interview, contacts, now)
        if app.stage != "interview":
            app.move_to("interview", now - timedelta(hours=1))
        if rng.random() < 0.2:
            app.drafts["thank-you"] = Draft("thank-you", contacts[0].email, "Thank you",
                                            f"Hi {contacts[0].name.split()[0]},\n\nThank you for your time today.", now)
        return app

    last = app.interviews[-1]
    for interview in app.interviews:
        _thank(rng, app, interview, contacts, now)
    when = last.ends_at + timedelta(days=rng.uniform(1, 8))
    if stage in ("following-up", "offer", "closed"):
        for _ in range(rng.randint(1, 2)):
            if when >= now:
                break
            app.record_sent("follow-up", when, contacts[0].email, f"Following up: {app.role}",
                            "Hi,\n\nI wanted to follow up on my application.\n\nBest,\nSam")
            when += timedelta(days=rng.uniform(5, 9))
    if stage in ("offer", "closed") or rng.random() < 0.1:
        app.record_response(rng.choice(["Thanks, we will be in touch.", "Moving forward with other candidates.",
                                        "We would like to make you an offer."]),
                            min(when, now - timedelta(hours=1)))
    if rng.random() < 0.1:
        app.snooze(now + timedelta(days=rng.uniform(1, 5)), now - timedelta(hours=rng.uniform(0.5, 3)))
    if stage == "offer":
        app.move_to("offer", now - timedelta(minutes=rng.uniform(5, 25)))
    elif stage == "closed":
        app.move_to("closed", now - timedelta(minutes=rng.uniform(5, 25)), rng.choice(OUTCOMES))
    elif app.stage != stage:
        app.move_to(stage, min(when, now - timedelta(hours=2)))
    return app


def _thank(rng: random.Random, app: Application, interview: Interview, contacts: list[Contact],
           now: datetime) -> None:
    for person in interview.with_names:
        email = next(c.email for c in contacts if c.name == person)
        when = min(interview.ends_at + timedelta(hours=rng.uniform(2, 20)), now - timedelta(minutes=5))
        app.record_sent("thank-you", when, email,
                        "Thank you", f"Dear {person.split()[0]},\n\nThank you for the conversation about "
                        f"the {app.role} role.\n\nBest regards,\nSam")


def csv_rows(count: int, now: datetime, seed: int = 11) -> str:
    """A spreadsheet export of `count` applications (the import's input)."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Company", "Job Title", "Status", "Recruiter", "Email", "Interview Date",
                     "Decision Date", "Website"])
    statuses = ["Applied", "Interviewing", "Thank-you sent", "Following up", "Offer", "Rejected"]
    for index in range(count):
        name = f"{rng.choice(FIRST)} {rng.choice(SECOND)} {index}"
        domain = name.lower().replace(" ", "-") + ".com"
        person = rng.choice(PEOPLE)
        status = rng.choice(statuses)
        interview = (now + timedelta(days=rng.uniform(-30, 10))).strftime("%Y-%m-%d %H:%M") if status != "Applied" else ""
        decision = (now + timedelta(days=rng.randint(-10, 20))).date().isoformat() if rng.random() < 0.3 else ""
        writer.writerow([name, rng.choice(ROLES), status, person, person.lower().replace(" ", ".") + "@" + domain,
                         interview, decision, domain])
    return out.getvalue()
