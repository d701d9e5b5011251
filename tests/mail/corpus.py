"""Realistic mail for the mailbox tests, as raw RFC 5322 bytes.

The shapes follow what applicant-tracking systems and mail servers send:
- Greenhouse's default candidate rejection ("we have decided to proceed with
  other candidates"), sent from a no-reply address on greenhouse-mail.io with
  the company's name as sender name: support.greenhouse.io/hc/en-us/articles/
  360025603151 (Rejection emails), and a published copy at
  recruitingdaily.com/not-reply-email-heres-improve-candidate-rejection-process/
- Workday's "<Company> Application Update" from <tenant>@myworkday.com,
  "we will be moving forward with other candidates";
- Lever's "Next steps at <Company>" scheduling mail with a calendar invite
  (text/calendar; method=REQUEST, RFC 5546 iTIP);
- Ashby's offer mail from ashbyhq.com;
- an RFC 3834 out-of-office (Auto-Submitted: auto-replied), a newsletter with
  List-Unsubscribe (RFC 2369), an RFC 3464 delivery status notification.
Names, companies and addresses are invented.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

ME = "sam@example.org"
BASE = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)  # a Monday


def when(days: float) -> str:
    return format_datetime(BASE + timedelta(days=days))


def crlf(text: str) -> bytes:
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


# -- Acme Robotics: a contact, a thread of several messages --------------------------

def thank_you_sent() -> bytes:
    """Sam's thank-you, written in another mail client (the sent folder)."""
    return crlf(f"""From: Sam Doe <{ME}>
To: Jane Doe <jane.doe@acme-robotics.com>
Subject: Thank you for today
Date: {when(1)}
Message-ID: <thanks-1@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hi Jane,

Thank you for taking the time to talk with me about the Platform Engineer role.
I enjoyed hearing about the robot fleet tooling and I am very interested.

Best,
Sam
""")


def reply_in_thread() -> bytes:
    """Jane's answer: In-Reply-To the thank-you, quoting it."""
    return crlf(f"""From: Jane Doe <jane.doe@acme-robotics.com>
To: Sam Doe <{ME}>
Subject: Re: Thank you for today
Date: {when(2)}
Message-ID: <CAJ-reply-2@mail.acme-robotics.com>
In-Reply-To: <thanks-1@example.org>
References: <thanks-1@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hi Sam,

Great talking to you too. The team is meeting on Thursday and I will let you
know about next steps by Friday.

Jane

On Tue, Mar 3, 2026 at 10:00 AM Sam Doe <{ME}> wrote:
> Hi Jane,
>
> Thank you for taking the time to talk with me about the Platform Engineer role.
> I am very interested. Would you be available for a call?
""")


def third_in_thread() -> bytes:
    """Sam writes again in the same thread (References names both)."""
    return crlf(f"""From: Sam Doe <{ME}>
To: Jane Doe <jane.doe@acme-robotics.com>
Subject: Re: Thank you for today
Date: {when(12)}
Message-ID: <followup-3@example.org>
In-Reply-To: <CAJ-reply-2@mail.acme-robotics.com>
References: <thanks-1@example.org> <CAJ-reply-2@mail.acme-robotics.com>
Content-Type: text/plain; charset=utf-8

Hi Jane, I wanted to check in on the next steps. Best, Sam
""")


def out_of_office() -> bytes:
    return crlf(f"""From: Jane Doe <jane.doe@acme-robotics.com>
To: {ME}
Subject: Automatic reply: Thank you for today
Date: {when(1.1)}
Message-ID: <ooo-4@mail.acme-robotics.com>
Auto-Submitted: auto-replied
X-Auto-Response-Suppress: All
In-Reply-To: <thanks-1@example.org>
Content-Type: text/plain; charset=utf-8

I am out of the office until Monday with limited access to email.
""")


def newsletter() -> bytes:
    return crlf(f"""From: Acme Robotics News <news@acme-robotics.com>
To: {ME}
Subject: Acme Robotics monthly: our new warehouse robot
Date: {when(3)}
Message-ID: <news-5@acme-robotics.com>
List-Unsubscribe: <https://acme-robotics.com/unsubscribe?u=1>, <mailto:unsub@acme-robotics.com>
List-Id: Acme news <news.acme-robotics.com>
Precedence: bulk
Content-Type: text/plain; charset=utf-8

Meet Rover 3! We would love to invite you to our open house.
""")


# -- Globex: a Greenhouse rejection ----------------------------------------------------

def greenhouse_rejection() -> bytes:
    return crlf(f"""From: Globex Recruiting <no-reply@us.greenhouse-mail.io>
Reply-To: no-reply@globex.com
To: {ME}
Subject: Your application to Globex
Date: {when(4)}
Message-ID: <gh-6.reject@us.greenhouse-mail.io>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="gh-boundary"

--gh-boundary
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Hello Sam,

Thank you for your interest in Globex. While we were impressed with your qual=
ifications, we have decided to proceed with other candidates who are a bette=
r fit for the Data Analyst role.

We will keep you in mind if a more applicable opportunity becomes available.

Best Regards,
The Globex Team
--gh-boundary
Content-Type: text/html; charset=utf-8

<p>Hello Sam,</p><p>Thank you for your interest in Globex. We have decided to proceed with other candidates.</p>
--gh-boundary--
""")


def workday_rejection() -> bytes:
    return crlf(f"""From: Hooli <hooli@myworkday.com>
To: {ME}
Subject: Hooli Application Update
Date: {when(4.5)}
Message-ID: <wd-7@myworkday.com>
Content-Type: text/html; charset=utf-8

<html><body><p>Dear Sam,</p><p>Thank you for applying for the Site Reliability Engineer position at Hooli.
After careful review, we will be moving forward with other candidates whose experience more closely
matches our needs.</p><style>p {{ color: red }}</style></body></html>
""")


# -- Initech: a Lever scheduling mail with a calendar invitation -----------------------

def lever_invitation() -> bytes:
    return crlf(f"""From: Peter Gibbons <peter@initech.io>
To: {ME}
Subject: Next steps at Initech
Date: {when(5)}
Message-ID: <lever-8@initech.io>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/alternative; boundary="inner"

--inner
Content-Type: text/plain; charset=utf-8

Hi Sam, we would like to invite you to a final round with Bill and Milton.
The invitation is attached.
--inner
Content-Type: text/calendar; charset=utf-8; method=REQUEST

BEGIN:VCALENDAR
PRODID:-//Lever//Interview//EN
VERSION:2.0
METHOD:REQUEST
BEGIN:VEVENT
UID:lever-interview-8@initech.io
DTSTAMP:20260307T090000Z
DTSTART:20260310T140000Z
DTEND:20260310T153000Z
SUMMARY:Final round: Initech
ORGANIZER;CN=Peter Gibbons:mailto:peter@initech.io
ATTENDEE;CN=Bill Lumbergh;ROLE=REQ-PARTICIPANT:mailto:bill@initech.io
ATTENDEE;CN=Milton Waddams;ROLE=REQ-PARTICIPANT:mailto:milton@initech.io
ATTENDEE;CN=Sam Doe;ROLE=REQ-PARTICIPANT:mailto:{ME}
END:VEVENT
END:VCALENDAR
--inner--
--outer
Content-Type: application/pdf; name="agenda.pdf"
Content-Disposition: attachment; filename="agenda.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K
--outer--
""")


# -- Pied Piper: an Ashby offer -----------------------------------------------------------

def ashby_offer() -> bytes:
    return crlf(f"""From: Pied Piper Recruiting <no-reply@ashbyhq.com>
To: {ME}
Subject: Your offer from Pied Piper
Date: {when(6)}
Message-ID: <ashby-9@ashbyhq.com>
Content-Type: text/plain; charset=utf-8

Hi Sam, we are thrilled to extend an offer for the Compression Engineer role at Pied Piper.
Your offer letter is available in the portal.
""")


# -- Umbrella: a bounce of a message Sam sent --------------------------------------------

def bounce() -> bytes:
    return crlf(f"""From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
To: {ME}
Subject: Undelivered Mail Returned to Sender
Date: {when(7)}
Message-ID: <bounce-10@mx.example.org>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"

--dsn
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.org. Your message could not be delivered.
--dsn
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; bob@umbrella-corp.com
Original-Recipient: rfc822;bob@umbrella-corp.com
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <bob@umbrella-corp.com>: Recipient address rejected
--dsn
Content-Type: text/rfc822-headers

From: Sam Doe <{ME}>
To: bob@umbrella-corp.com
Subject: Following up
Message-ID: <sent-bounced@example.org>
--dsn--
""")


# -- Société Lumière: non-ASCII, encoded words -------------------------------------------

def encoded_words_reply() -> bytes:
    return crlf(f"""From: =?UTF-8?Q?Zo=C3=AB_M=C3=BCller?= <zoe@lumiere.fr>
To: {ME}
Subject: =?UTF-8?B?UmU6IFZvdHJlIGNhbmRpZGF0dXJlIOKAlCBzdWl0ZQ==?=
Date: {when(8)}
Message-ID: <lumiere-11@lumiere.fr>
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

Bonjour Sam, merci pour votre message. Nous revenons vers vous tr=E8s bient=F4t.
""")


def unrelated() -> bytes:
    return crlf(f"""From: Mum <mum@gmail.com>
To: {ME}
Subject: Sunday lunch
Date: {when(2.5)}
Message-ID: <mum-12@gmail.com>
Content-Type: text/plain; charset=utf-8

Are you coming on Sunday? Would you be available at noon?
""")


def corpus() -> list[tuple[str, bytes, str]]:
    """(folder, raw message, flags) in the order a mailbox would hold them."""
    return [
        ("Sent", thank_you_sent(), "S"),
        ("INBOX", out_of_office(), "S"),
        ("INBOX", reply_in_thread(), ""),
        ("INBOX", unrelated(), "SF"),
        ("INBOX", newsletter(), ""),
        ("INBOX", greenhouse_rejection(), "S"),
        ("INBOX", workday_rejection(), ""),
        ("INBOX", lever_invitation(), "F"),
        ("INBOX", ashby_offer(), "S"),
        ("INBOX", bounce(), ""),
        ("INBOX", encoded_words_reply(), "RS"),
        ("Sent", third_in_thread(), "S"),
    ]


# -- hostile mail ------------------------------------------------------------------------

HOSTILE_SUBJECT = "\x1b]0;owned\x07\x1b[2J[bold red]Offer[/] \u202etxt.exe \x9b31m"


def hostile_headers() -> bytes:
    """Control sequences and markup in every header, from a known contact."""
    return (
        b"From: \x1b[31m[b]Jane[/b] <jane.doe@acme-robotics.com>\r\n"
        b"To: [link=http://x]Sam[/link] <" + ME.encode() + b">\r\n"
        b"Subject: " + HOSTILE_SUBJECT.encode("utf-8") + b"\r\n"
        b"Date: " + when(9).encode() + b"\r\n"
        b"Message-ID: <hostile\x1b[0m-13@acme-robotics.com>\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        b"\x1b]52;c;cm0gLXJmIH4=\x07Hello [/] [bold]there\x1b[0m\r\n"
    )


def eight_bit_headers() -> bytes:
    """Raw Latin-1 bytes in headers (no encoded words), from a contact."""
    return (
        b"From: J\xe9r\xf4me Dupont <jerome@lumiere.fr>\r\n"
        b"To: " + ME.encode() + b"\r\n"
        b"Subject: R\xe9ponse \xe0 votre candidature\r\n"
        b"Date: " + when(9.5).encode() + b"\r\n"
        b"Message-ID: <eightbit-14@lumiere.fr>\r\n"
        b"Content-Type: text/plain\r\n\r\n"
        b"Merci \xe0 vous.\r\n"
    )


def malformed_mime() -> bytes:
    """A multipart whose boundary never comes, a broken base64 part, a bad date."""
    return crlf(f"""From: Peter Gibbons <peter@initech.io>
To: {ME}
Subject: Re: broken
Date: Thu, 45 Foo 20266 99:99:99 +9999
Message-ID: <malformed-15@initech.io>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="never-comes"
Content-Transfer-Encoding: base64

--wrong-boundary
Content-Type: text/plain; charset=x-unknown-charset
Content-Transfer-Encoding: base64

!!!not base64 at all!!!
""")


def huge_message(megabytes: int = 30) -> bytes:
    """A 30 MB message from the company's domain: a short text part, then a
    huge attachment that must never be fetched."""
    line = b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n"
    body = line * (megabytes * 1024 * 1024 // len(line))
    head = crlf(f"""From: Recruiting <jobs@initech.io>
To: {ME}
Subject: Your documents
Date: {when(10)}
Message-ID: <huge-16@initech.io>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="big"

--big
Content-Type: text/plain; charset=utf-8

Please find the documents attached.
--big
Content-Type: application/octet-stream; name="video.bin"
Content-Disposition: attachment; filename="video.bin"
Content-Transfer-Encoding: base64

""")
    return head + body + b"--big--\r\n"
