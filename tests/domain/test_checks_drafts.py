"""Real-world drafts, good and bad, with the verdict of every check.

Written the way people write them: greetings, sign-offs, curly quotes from
mail clients, hard-wrapped plain text, acronyms. Good notes must pass every
check (a false alarm makes people stop trusting the tool); bad ones must be
caught by the right check and no other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone

import pytest

from followup_tui.domain.checks import CHECK_IDS, DraftContext, is_ok, run_checks

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)  # a Wednesday
YESTERDAY_2PM = datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc)
TWO_WEEKS_AGO = datetime(2026, 11, 10, 14, 0, tzinfo=timezone.utc)

NORTHWIND = dict(company="Northwind Analytics", role="Senior Support Engineer (EMEA)", company_domain="northwind-analytics.com")
ORBITAL = dict(company="Orbital Robotics", role="Site Reliability Engineer", company_domain="orbital-robotics.com")
LUMEN = dict(company="Lumen Health", role="Backend Developer", company_domain="lumenhealth.io")
COBALT = dict(company="Cobalt Studio", role="Product Designer", company_domain="cobaltstudio.design")
HARBOR = dict(company="Harbor & Pine LLP", role="Paralegal", company_domain="harborpine.com")
GREENLEAF = dict(company="Greenleaf Grocers", role="Store Manager", company_domain="greenleafgrocers.com")
SPRINGFIELD = dict(company="City of Springfield", role="Data Analyst", company_domain="springfield.gov")

THANKS_TIMING = dict(interview_at=YESTERDAY_2PM, send_at=NOW)
# A good thank-you body, reused where only the subject or the address is wrong.
LUMEN_GOOD_NOTE = """Hi Grace,

Thank you for meeting with me yesterday about the Backend Developer role. I enjoyed our talk about the scheduling service, the on-call setup and the plans for next year.

I'm excited about the chance to join Lumen Health and contribute to the platform team.

I look forward to hearing from you.

Best,
Sam
"""
FOLLOW_TIMING = dict(interview_at=TWO_WEEKS_AGO, decision_by=date(2026, 11, 17), send_at=NOW)


@dataclass
class Case:
    name: str
    kind: str
    subject: str | None
    to: str | None
    body: str
    context: dict
    expect: dict[str, str] = field(default_factory=dict)  # everything not listed must pass

    def run(self):
        ctx = DraftContext(kind=self.kind, **self.context)
        return run_checks(self.subject, self.body, self.to, ctx)


CASES = [
    # ---------------------------------------------------------------- good
    Case(
        "good thank-you, role named loosely",
        "thank-you",
        "Thank you - Support Engineer interview",
        "priya.raman@northwind-analytics.com",
        """Hi Priya,

Thank you for taking the time to speak with me yesterday about the support engineer position. I really enjoyed hearing how your team handles escalations across EMEA, and it was great to meet Jon as well.

Our conversation confirmed my interest in the role. I'm excited about the chance to help build the support playbooks you described, and I think my experience with SQL and AWS would let me contribute quickly.

I look forward to hearing from you about the next steps.

Best regards,
Sam Doe
""",
        NORTHWIND | THANKS_TIMING,
    ),
    Case(
        "good thank-you to two interviewers, acronym for the role",
        "thank-you",
        "Thanks for yesterday",
        "Maya Lindqvist <maya.lindqvist@orbital-robotics.com>, jon.park@orbital-robotics.com",
        """Hi Maya and Jon,

Thanks so much for having me on site yesterday. I enjoyed the whiteboard session on your on-call rotation, and the tour of the lab was a highlight.

Talking through your move from VMs to Kubernetes made me even more keen to join the SRE team at Orbital. It is exactly the kind of problem I have spent the last three years on at my current job.

Hope to hear from you soon!

Cheers,
Sam
""",
        ORBITAL | THANKS_TIMING,
    ),
    Case(
        "good thank-you with the thing I forgot to mention",
        "thank-you",
        "Thank you: Backend Developer interview",
        "grace@lumenhealth.io",
        """Dear Grace,

Thank you for meeting with me yesterday to discuss the Backend Developer role at Lumen Health. I appreciated your candid answers about the migration to event sourcing.

One thing I forgot to mention: last year I led the move of our billing service to Postgres logical replication, which sounds close to what your team is planning. I'd be glad to share more detail.

I remain very interested in the position and would love to contribute to the platform team.

I look forward to hearing from you.

Kind regards,
Sam Doe
""",
        LUMEN | THANKS_TIMING,
    ),
    Case(
        "good thank-you pasted from a mail client (curly quotes, dashes)",
        "thank-you",
        "Thank you \u2013 design interview",
        "leo.martin@cobaltstudio.design",
        """Hi Leo,

Thank you for yesterday\u2019s conversation \u2014 I really enjoyed walking through the onboarding redesign with you and Aiko.

It\u2019s rare to see a studio that tests this early with real users, and I\u2019m even more enthusiastic about the product design role at Cobalt now. I think my work on accessible form patterns would fit well with what you\u2019re building.

Whatever you decide, I\u2019d love to hear from you.

Best,
Sam
""",
        COBALT | THANKS_TIMING,
    ),
    Case(
        "good formal thank-you (law firm, non-tech)",
        "thank-you",
        "Paralegal interview - thank you",
        "m.alvarez@harborpine.com",
        """Dear Ms. Alvarez,

I am grateful for the opportunity to interview for the Paralegal position at Harbor & Pine yesterday. It was a pleasure to learn about the litigation support team and the firm's pro bono work.

Our discussion strengthened my interest in joining the firm. My experience managing discovery documents and court filings would allow me to support your attorneys from the first week.

Please let me know if I can provide anything further. I look forward to hearing from you regardless of the outcome.

Sincerely,
Jordan Lee
""",
        HARBOR | THANKS_TIMING,
    ),
    Case(
        "good thank-you, retail, with one exclamation mark",
        "thank-you",
        "Thank you for the interview",
        "dana.wright@greenleafgrocers.com",
        """Hi Dana,

Thanks again for showing me around the Elm Street store yesterday! It was great to see how the team runs the morning deliveries and to hear your plans for the new deli counter.

I'm very excited about the store manager role. Leading a team of twenty at my current store has taught me a lot about scheduling and keeping people motivated, and I would love to bring that to Greenleaf.

I hope to hear from you soon.

Best wishes,
Alex Morgan
""",
        GREENLEAF | THANKS_TIMING,
    ),
    Case(
        "good thank-you full of acronyms (no shouting)",
        "thank-you",
        "Data Analyst interview",
        "rkhan@springfield.gov",
        """Hello Rahul,

Thank you for interviewing me yesterday for the Data Analyst role with the City of Springfield. I enjoyed hearing how your team uses SQL, GIS and ArcGIS dashboards to track KPIs for the DPW and the 311 service.

I am genuinely interested in this role. Building the open data portal you described is the kind of public-service work I want to do, and my background in ETL pipelines and Power BI should help from day one.

I look forward to hearing from you.

Regards,
Sam Doe
""",
        SPRINGFIELD | THANKS_TIMING,
    ),
    Case(
        "good first follow-up after the decision date",
        "follow-up",
        "Following up: Support Engineer role",
        "priya.raman@northwind-analytics.com",
        """Hi Priya,

I hope you're well. I'm writing to follow up on my interview for the Senior Support Engineer role on 10 November. You mentioned the team hoped to decide by the 17th, so I wanted to ask whether there is any news.

I remain very interested in the position and in joining Northwind. If it would help, I'm happy to send references or answer any other questions.

Thank you again for your time. I look forward to hearing from you, whatever the outcome.

Best regards,
Sam
""",
        NORTHWIND | FOLLOW_TIMING,
    ),
    Case(
        "good second follow-up, short and gracious",
        "follow-up",
        "Re: Site Reliability Engineer interview",
        "maya.lindqvist@orbital-robotics.com",
        """Hi Maya,

I wanted to follow up once more on the Site Reliability Engineer position. I know these decisions take time, and I appreciate you considering my application.

I'm still very interested in the role and would welcome the chance to contribute to the infrastructure team at Orbital Robotics.

Either way, I'd be grateful to hear from you.

All the best,
Sam
""",
        ORBITAL | FOLLOW_TIMING,
    ),
    Case(
        "good follow-up, hard-wrapped plain text",
        "follow-up",
        "Backend Developer - following up",
        "grace@lumenhealth.io",
        """Hi Grace,

I hope your week is going well. I'm following up on our conversation of
10 November about the Backend Developer role at Lumen Health. Thank you
again for the time you and the team spent with me.

Since we spoke I have kept reading about your work on patient scheduling,
and I'm more excited than ever about the opportunity to join the team.

Please let me know if there is anything else I can send you. I look
forward to hearing about the next steps.

Best regards,
Sam Doe
""",
        LUMEN | FOLLOW_TIMING,
    ),
    Case(
        "good same-day thank-you, startup, no valediction",
        "thank-you",
        "Thanks for the chat",
        "chris@fernweh.app",
        """Hey Chris,

Thanks a lot for the video chat this morning. It was fun to dig into how you ship the mobile app every week, and I liked hearing about the small, senior team you're building.

The iOS Engineer role sounds like a great match for what I've been doing at Bloom for the past four years, and I came away convinced Fernweh is where I want to build my next chapter.

Looking forward to the next steps.

Sam
""",
        dict(company="Fernweh", role="iOS Engineer", company_domain="fernweh.app",
             interview_at=datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc), send_at=NOW),
    ),
    Case(
        "good thank-you, hospital nurse",
        "thank-you",
        "Thank you - Registered Nurse interview",
        "a.okafor@stmarys.org",
        """Dear Ms. Okafor,

Thank you for the opportunity to interview for the Registered Nurse position on the cardiac unit at St. Mary's Hospital yesterday. I appreciated the chance to meet the charge nurses and to see how the unit organizes handoffs between shifts.

After our conversation, I am confident I would be a strong addition to your team. The unit's focus on patient education is something I care deeply about.

Thank you again for your time and consideration. I hope to hear from you soon.

Sincerely,
Taylor Brooks, RN
""",
        dict(company="St. Mary's Hospital", role="Registered Nurse (Cardiac Unit)", company_domain="stmarys.org") | THANKS_TIMING,
    ),
    Case(
        "good follow-up, teacher, no decision date given",
        "follow-up",
        "Science Teacher opening",
        "rpatel@lincolnms.org",
        """Hello Mr. Patel,

I hope the semester is off to a good start. I interviewed for the 7th grade Science Teacher opening at Lincoln Middle School on November 10, and I wanted to follow up on the status of the search.

I am still very enthusiastic about joining your science department, especially after hearing about the new lab program. Thank you again for taking the time to meet with me.

Please let me know if you need any additional materials from me. I look forward to hearing from you.

Warm regards,
Jamie Chen
""",
        dict(company="Lincoln Middle School", role="Science Teacher", company_domain="lincolnms.org",
             interview_at=TWO_WEEKS_AGO, send_at=NOW),
    ),
    Case(
        "good casual follow-up, sales",
        "follow-up",
        "Account Executive role",
        "ben.olsen@tidewater.io",
        """Hi Ben,

Hope you had a good weekend! I'm following up on the Account Executive role we discussed on the 10th. I really enjoyed our conversation about expanding into the Nordics, and I'm eager to help build that pipeline with you.

Thanks again for your time. Please keep me posted on next steps; I'd love to hear how things are moving either way.

Best,
Sam
""",
        dict(company="Tidewater Software", role="Account Executive, Nordics", company_domain="tidewater.io") | FOLLOW_TIMING,
    ),
    Case(
        "good formal thank-you, finance vocabulary",
        "thank-you",
        "Financial Analyst interview",
        "k.hoffmann@meridiancap.com",
        """Dear Mr. Hoffmann,

Thank you for meeting with me on Tuesday to discuss the Financial Analyst position at Meridian Capital. I enjoyed learning about the quarterly forecasting process and the team's work on the new reporting platform.

Our conversation reinforced my interest in the role. My experience building financial models in Excel and Python, and presenting the results to senior management, matches what you described.

I would welcome the opportunity to contribute to Meridian's growth, and I look forward to hearing from you.

Yours sincerely,
Sam Doe
""",
        dict(company="Meridian Capital Partners", role="Financial Analyst", company_domain="meridiancap.com") | THANKS_TIMING,
    ),
    Case(
        "good British thank-you",
        "thank-you",
        "Thank you",
        "olivia.hart@brightwater.co.uk",
        """Hi Olivia,

Many thanks for taking the time to chat with me yesterday about the Junior Marketing Executive role. I particularly enjoyed hearing about the autumn campaign and how closely the team works with the design studio.

I'm really keen to join Brightwater and would relish the chance to help grow your social channels.

Do let me know if you need anything further from me. I'd be delighted to hear from you whatever the outcome.

Kind regards,
Sam
""",
        dict(company="Brightwater Media", role="Junior Marketing Executive", company_domain="brightwater.co.uk") | THANKS_TIMING,
    ),
    Case(
        "good thank-you with a bullet list",
        "thank-you",
        "Thank you: Engineering Manager interview",
        "ravi@kestrelpay.com",
        """Hi Ravi,

Thank you for the conversation yesterday about the Engineering Manager, Platform role. A few things stuck with me:

- the plan to split the monolith by team ownership
- your approach to career ladders for senior ICs
- the on-call load on the payments team

I'd love to help the platform group with all three, and I'm excited about what the team could do over the next year.

I look forward to hearing from you.

Best,
Sam
""",
        dict(company="Kestrel Pay", role="Engineering Manager, Platform", company_domain="kestrelpay.com") | THANKS_TIMING,
    ),
    Case(
        "good second follow-up, formal",
        "follow-up",
        "[EXTERNAL] Re: Senior Support Engineer",
        "priya.raman@northwind-analytics.com",
        """Hello Priya,

I'm writing once more about the Senior Support Engineer role. I understand hiring can take longer than planned, and I appreciate your patience with my questions.

I remain keen on the position and would be glad to provide anything that helps your decision. Whatever you decide, I would appreciate hearing from you.

Best regards,
Sam
""",
        NORTHWIND | FOLLOW_TIMING,
    ),
    Case(
        "good thank-you without a greeting line, to a subdomain address",
        "thank-you",
        "Thank you",
        "priya.raman@eu.northwind-analytics.com",
        """Priya - thank you again for the time today. I enjoyed walking through the escalation queue with you and hearing how the EMEA team hands work over to the US team at the end of the day.

I'm even more excited about the Senior Support Engineer role after our talk, and I think my years on a follow-the-sun support desk would help from the start.

Looking forward to hearing from you.
Sam
""",
        NORTHWIND | dict(interview_at=datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc), send_at=NOW),
    ),
    Case(
        "good follow-up sent as a reply, their message quoted below",
        "follow-up",
        "Re: QA Analyst interview",
        "bill.l@initech.com",
        """Hi Bill,

I hope things are going well at Initech. We spoke on November 10th about the QA Analyst opening, and you mentioned you hoped to make a decision by the 17th. I wanted to see if there were any updates on your end.

I'm still very excited about the role and the chance to help your team build out its test automation. Thanks again for your time, and please let me know if I can provide anything else.

Best,
Morgan

On Tue, Nov 10, 2026 at 4:12 PM Bill Lumbergh <bill.l@initech.com> wrote:
> Thanks for coming in today! We'll be in touch by the 17th.
> If you could send over your references ASAP that would be great.
> [cid:image001.png@01D9]
""",
        dict(company="Initech", role="QA Analyst", company_domain="initech.com") | FOLLOW_TIMING,
    ),
    Case(
        "casual thank-you, all lower case, ending on an offer rather than a wish to hear back",
        "thank-you",
        "thanks!",
        "jane@acme.com",
        """hi jane,

thanks so much for chatting with me today :) i really enjoyed learning about how the web team works and the react migration you're planning.

i'm super excited about the junior web developer role and would love to be part of the team. let me know if you need anything else from me!

cheers,
kim
""",
        dict(company="Acme Corp", role="Junior Web Developer", company_domain="acme.com") | THANKS_TIMING,
        {"closing": "warn"},
    ),
    Case(
        "good thank-you with credentials and a long signature",
        "thank-you",
        "Clinical Research Coordinator interview",
        "dr.ng@umbrellahealth.org",
        """Dr. Ng,

Thank you for meeting with me yesterday. I appreciated hearing about the upcoming oncology trials and your team's approach to patient recruitment.

Our conversation made me even more eager to contribute to Umbrella Health's research program. My two years coordinating IRB submissions and managing REDCap databases would let me support your studies from the start.

I look forward to the next steps.

Best regards,
Priya Shah, MPH
Clinical Research Associate | Riverside University
(555) 123-4567 | linkedin.com/in/priyashah
""",
        dict(company="Umbrella Health", role="Clinical Research Coordinator", company_domain="umbrellahealth.org") | THANKS_TIMING,
    ),
    Case(
        "good thank-you, more enthusiastic than ever",
        "thank-you",
        "Thank you",
        "pepper@stark.com",
        """Hello Pepper,

Thank you for the tour of the Malibu facility and for introducing me to the propulsion team. Seeing the test stands up close was a real highlight.

I left our conversation more enthusiastic than ever about the Mechanical Engineer position. I believe my experience with CAD, FEA and rapid prototyping would let me contribute quickly.

Thanks again, and I hope to hear from you soon.

Best,
Tony
""",
        dict(company="Stark Industries", role="Mechanical Engineer II", company_domain="stark.com") | THANKS_TIMING,
    ),
    # ------------------------------------------------------------ bad tone
    Case(
        "just checking in, haven't heard back",
        "follow-up",
        "Checking in",
        "priya.raman@northwind-analytics.com",
        """Hi Priya,

Just checking in to see if there's any update on the position? I haven't heard back since my interview two weeks ago and wanted to make sure my application didn't get lost.

Thanks,
Sam
""",
        NORTHWIND | FOLLOW_TIMING,
        {"brevity": "warn", "restated-interest": "warn", "tone": "warn"},
    ),
    Case(
        "demanding, shouting, !!!",
        "follow-up",
        "URGENT: decision needed",
        "priya.raman@northwind-analytics.com",
        """Hi,

I interviewed for the Support Engineer job TWO WEEKS AGO and I still haven't heard anything from you. I need an answer ASAP because I have other offers on the table!!! Why haven't you replied to my last email?

I am still interested in the role but this is not how you treat candidates.

Sam
""",
        NORTHWIND | FOLLOW_TIMING,
        {"gratitude": "warn", "closing": "warn", "tone": "fail"},
    ),
    Case(
        "desperate",
        "follow-up",
        "Please reconsider me",
        "priya.raman@northwind-analytics.com",
        """Dear Priya,

I am writing again about the Support Engineer position. I really need this job. I have been out of work for eight months and I'm getting desperate, so please, please give me a chance. I would do anything to join Northwind and I will accept any salary you offer.

Thank you,
Sam
""",
        NORTHWIND | FOLLOW_TIMING,
        {"restated-interest": "warn", "closing": "warn", "tone": "fail"},
    ),
    Case(
        "apologetic thank-you",
        "thank-you",
        "Thank you",
        "priya.raman@northwind-analytics.com",
        """Hi Priya,

Sorry to bother you again so soon. I just wanted to say thank you for the interview yesterday about the Senior Support Engineer role. I know you must be very busy.

I'm very interested in the position and I think I could really help the team with the EMEA escalations.

I look forward to hearing from you.

Best,
Sam
""",
        NORTHWIND | THANKS_TIMING,
        {"tone": "warn"},
    ),
    Case(
        "gushing with exclamation marks",
        "thank-you",
        "THANK YOU!!!",
        "maya.lindqvist@orbital-robotics.com",
        """Hi Maya!

Thank you SO much for the interview yesterday!! I loved meeting everyone and I'm super excited about the SRE role at Orbital!

Honestly it felt like a perfect fit and I can't wait to hear back!

Best,
Sam
""",
        ORBITAL | THANKS_TIMING,
        {"brevity": "warn", "tone": "fail"},
    ),
    Case(
        "follow-up demanding a reply by tomorrow",
        "follow-up",
        "Decision?",
        "maya.lindqvist@orbital-robotics.com",
        """Hi Maya,

I'm following up on the Site Reliability Engineer role. I have another offer on the table, so you need to let me know by tomorrow whether you are making me an offer.

I'm still interested in joining Orbital Robotics, and I hope to hear from you soon.

Thanks,
Sam
""",
        ORBITAL | FOLLOW_TIMING,
        {"brevity": "warn", "tone": "warn"},
    ),
    Case(
        "no subject, otherwise fine",
        "thank-you",
        "",
        "grace@lumenhealth.io",
        LUMEN_GOOD_NOTE,
        LUMEN | THANKS_TIMING,
        {"subject": "warn"},
    ),
    # ------------------------------------------------------- placeholders
    Case(
        "template with placeholders left in",
        "thank-you",
        "Thank you: {role} interview",
        "priya.raman@northwind-analytics.com",
        """Hi [Name],

Thank you for taking the time to meet with me about the {role} position at <company>. I enjoyed learning about the team and TODO add the bit about the dashboards.

I remain very interested in the role and would love to join Northwind Analytics.

I look forward to hearing from you.

Best regards,
Sam
""",
        NORTHWIND | THANKS_TIMING,
        {"placeholders": "fail"},
    ),
    # ---------------------------------------------------------- addresses
    Case(
        "good note to a personal gmail address",
        "thank-you",
        "Thank you",
        "priya.raman1988@gmail.com",
        """Hi Priya,

Thank you for speaking with me yesterday about the Senior Support Engineer role. I enjoyed hearing about the new ticket triage process and how the team works across time zones.

I'm very excited about the opportunity to join Northwind Analytics and help customers across EMEA.

I look forward to hearing from you.

Best regards,
Sam
""",
        NORTHWIND | THANKS_TIMING,
        {"business-address": "fail"},
    ),
    Case(
        "good note to a yahoo.co.uk address",
        "follow-up",
        "Following up",
        "maya_l@yahoo.co.uk",
        """Hi Maya,

I hope you are well. I'm following up on my interview for the Site Reliability Engineer role on 10 November. Thank you again for your time and for the tour of the lab.

I remain very interested in the position and would love to join the team at Orbital Robotics.

I look forward to hearing from you, whatever you decide.

Best regards,
Sam
""",
        ORBITAL | FOLLOW_TIMING,
        {"business-address": "fail"},
    ),
    Case(
        "invalid address",
        "thank-you",
        "Thank you",
        "grace@lumenhealth",
        LUMEN_GOOD_NOTE,
        LUMEN | THANKS_TIMING,
        {"business-address": "fail"},
    ),
    Case(
        "recruiting agency address",
        "thank-you",
        "Thank you",
        "tom@talentbridge-recruiting.com",
        """Hi Tom,

Thank you for setting up yesterday's interview for the Product Designer role and for the helpful prep call beforehand.

The conversation with Leo and Aiko went well, and I'm very interested in joining Cobalt Studio. Please pass on my thanks to them.

I look forward to hearing from you about the next steps.

Best,
Sam
""",
        COBALT | THANKS_TIMING,
        {"business-address": "warn"},
    ),
    # --------------------------------------------------------------- length
    Case(
        "far too short",
        "thank-you",
        "Thanks",
        "grace@lumenhealth.io",
        "Thanks for today Grace!\n\nSam\n",
        LUMEN | THANKS_TIMING,
        {"brevity": "fail", "restated-interest": "fail", "closing": "warn"},
    ),
    Case(
        "rambling and far too long",
        "thank-you",
        "Thank you for the interview yesterday for the Senior Support Engineer position at Northwind",
        "priya.raman@northwind-analytics.com",
        """Hi Priya,

Thank you so much for taking the time to speak with me yesterday about the Senior Support Engineer position. I wanted to write to you at some length because there were a number of things that I did not manage to cover properly during our conversation, which, as you will remember, ran a little short at the end because of the fire alarm test in your building.

First, regarding the question about how I would prioritise escalations coming in from several regional teams at once, I would like to elaborate on my previous answer, because on reflection I think I gave you an incomplete picture of the approach that my current organisation has developed over the past several years, which involves a combination of automated severity classification, a rotating triage coordinator, and a weekly retrospective in which recurring categories of incidents are identified and handed over to the relevant product engineering teams for permanent remediation.

Second, about the tooling, I have worked extensively with Zendesk, Jira Service Management, Salesforce Service Cloud, Freshdesk and a number of internally developed systems, and I have administered several of these, including configuring workflows, service level agreements, macros and integrations with monitoring platforms, which I believe would transfer well to your environment.

Third, I remain very interested in the role and in Northwind Analytics, and I hope the above clarifies my experience.

I look forward to hearing from you.

Best regards,
Sam
""",
        NORTHWIND | THANKS_TIMING,
        {"brevity": "fail", "subject": "warn", "readability": "warn"},
    ),
    # ------------------------------------------------------------- content
    Case(
        "thank-you that never thanks",
        "thank-you",
        "Portfolio link",
        "leo.martin@cobaltstudio.design",
        """Hi Leo,

Following our conversation yesterday, here is the link to the case study I mentioned: the checkout redesign for a regional bank, with the research notes and the usability test results.

I'm very interested in the Product Designer role and I think this shows how I work with engineers.

I look forward to hearing from you.

Best,
Sam
""",
        COBALT | THANKS_TIMING,
        {"gratitude": "fail"},
    ),
    Case(
        "interest in \"the opportunity\" and \"your team\": the job both sides know",
        "thank-you",
        "Thank you",
        "priya.raman@northwind-analytics.com",
        """Hi Priya,

Thank you for taking the time to talk with me yesterday. I really enjoyed hearing about how you onboard new customers and the way the team shares knowledge.

I'm really excited about the opportunity and would love to be part of your team.

I look forward to hearing from you.

Best,
Sam
""",
        NORTHWIND | THANKS_TIMING,
        {},
    ),
    Case(
        "names the role, never says still interested",
        "follow-up",
        "Support Engineer role",
        "priya.raman@northwind-analytics.com",
        """Hi Priya,

I hope all is well. I'm writing about the Senior Support Engineer role I interviewed for on 10 November. Thank you again for the time you and Jon spent with me.

Could you tell me where things stand with the hiring process? I understand these things take time.

I look forward to hearing from you.

Best regards,
Sam
""",
        NORTHWIND | FOLLOW_TIMING,
        {"restated-interest": "warn"},
    ),
    Case(
        "hope to hear back buried in the middle",
        "thank-you",
        "Thank you",
        "grace@lumenhealth.io",
        """Hi Grace,

Thank you for meeting with me yesterday about the Backend Developer role at Lumen Health. I'm very excited about the opportunity, and I look forward to hearing from you.

In the meantime, I pushed the load-testing scripts we talked about to a public repository. They show how I approached the queue backlog problem at my last job, including the retry policy and the dashboards I built for the team.

I also wrote up a short summary of the results in the README.

Best,
Sam
""",
        LUMEN | THANKS_TIMING,
        {"closing": "warn"},
    ),
    # --------------------------------------------------------------- timing
    Case(
        "thank-you four days late",
        "thank-you",
        "Thank you",
        "priya.raman@northwind-analytics.com",
        """Hi Priya,

Thank you for taking the time to speak with me last week about the Senior Support Engineer role. I enjoyed hearing about the escalation process and meeting Jon.

I remain very interested in the position and would love to join Northwind Analytics.

I look forward to hearing from you.

Best regards,
Sam
""",
        NORTHWIND | dict(interview_at=datetime(2026, 11, 20, 14, 0, tzinfo=timezone.utc), send_at=NOW),
        {"timing": "warn"},
    ),
    Case(
        "follow-up before their decision date",
        "follow-up",
        "Following up",
        "maya.lindqvist@orbital-robotics.com",
        """Hi Maya,

I hope you're well. I'm following up on my interview for the Site Reliability Engineer position last Tuesday. Thank you again for your time.

I'm still very interested in the role and excited about the work on your platform migration, especially the new deployment pipeline.

I look forward to hearing from you.

Best,
Sam
""",
        ORBITAL | dict(interview_at=datetime(2026, 11, 17, 14, 0, tzinfo=timezone.utc), decision_by=date(2026, 11, 27), send_at=NOW),
        {"timing": "warn"},
    ),
    Case(
        "passive-aggressive follow-up",
        "follow-up",
        "Second follow up",
        "priya.raman@northwind-analytics.com",
        """Priya,

As I mentioned in my last email, I interviewed for the Support Engineer role almost three weeks ago. I assume you've already filled the position, but it would be common courtesy to let me know either way.

Thanks,
Sam
""",
        NORTHWIND | FOLLOW_TIMING,
        {"brevity": "warn", "restated-interest": "warn", "tone": "fail"},
    ),
]


def test_the_corpus_is_big_and_mixed():
    assert len(CASES) >= 25
    good = [c for c in CASES if not c.expect]
    assert len(good) >= 10
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_check_gives_the_expected_verdict(case: Case):
    results = case.run()
    got = {r.id: r.status for r in results}
    expected = {check_id: "pass" for check_id in (*CHECK_IDS[:10], "signature")} | case.expect
    assert got == expected, "\n".join(f"{r.status:4} {r.id}: {r.message}" for r in results)
    assert [r.id for r in results] == [i for i in CHECK_IDS if i in got]  # CHECK_IDS order
    assert is_ok(results) == ("fail" not in case.expect.values())


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_span_points_into_the_body(case: Case):
    for result in case.run():
        for start, end in result.spans:
            assert 0 <= start < end <= len(case.body), (result.id, start, end)
