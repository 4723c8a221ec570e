"""Notifications by email: gathered per member, kind and hour, a one-click stop per kind, never sent twice."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import update

from community.accounts.models import User
from community.extensions import db
from community.models import utcnow
from community.notifications import mailing
from community.notifications.models import Notification, NotificationMail
from community.notifications.services import notify

STOP_LINK = re.compile(r"/notifications/stop/[\w.\-]+")


def _tell(who, text: str, kind: str = "reply", **extra) -> None:
    notify(who.id, kind, text, "/stories/7", **extra)
    db.session.commit()


def _an_hour_passes() -> None:
    earlier = utcnow() - timedelta(minutes=61)
    db.session.execute(update(NotificationMail).values(claimed_at=earlier, sent_at=earlier))
    db.session.commit()


def test_events_gather_into_one_mail_an_hour_per_kind(member, mailbox):
    _tell(member, "A reply on “The panel that went quiet”.")
    _tell(member, "Another reply on “The panel that went quiet”.")
    _tell(member, "The moderators published your story.", kind="moderation")
    assert mailing.send_due_mails() == 2
    mails = mailbox.to(member.email)
    assert sorted(str(m["Subject"]) for m in mails) == sorted(
        [mailing.SUBJECTS["reply"], mailing.SUBJECTS["moderation"]]
    )
    (replies,) = [m for m in mails if str(m["Subject"]) == mailing.SUBJECTS["reply"]]
    text = replies.get_body(("plain",)).get_content()
    assert "A reply on" in text and "Another reply on" in text and "/stories/7" in text

    # Within the hour a new reply waits; nothing is sent again.
    _tell(member, "A third reply.")
    assert mailing.send_due_mails() == 0
    assert len(mailbox.to(member.email)) == 2
    # An hour on, it goes, alone.
    _an_hour_passes()
    assert mailing.send_due_mails() == 1
    third = mailbox.to(member.email)[-1].get_body(("plain",)).get_content()
    assert "A third reply." in third and "Another reply" not in third


def test_only_the_kinds_a_member_chose_are_mailed(member, mailbox):
    _tell(member, "3 people found your story helpful", kind="reactions")  # not mailed by default
    assert mailing.send_due_mails() == 0
    db.session.get(User, member.id).email_notifications = ["reactions"]
    db.session.commit()
    _tell(member, "A reply nobody mails.")
    assert mailing.send_due_mails() == 1
    (only,) = mailbox.to(member.email)
    assert str(only["Subject"]) == mailing.SUBJECTS["reactions"]


def test_an_event_that_has_a_mail_of_its_own_is_not_mailed_again(member, mailbox):
    _tell(member, "Sam accepted your mentorship request.", kind="mentorship", own_mail=True)
    assert mailing.send_due_mails() == 0
    assert mailbox.to(member.email) == []


def test_one_click_stop_needs_no_sign_in_and_stops_only_that_kind(app, member, mailbox):
    _tell(member, "A reply.")
    mailing.send_due_mails()
    (msg,) = mailbox.to(member.email)
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = STOP_LINK.search(msg["List-Unsubscribe"]).group()
    assert link in msg.get_body(("plain",)).get_content()

    anonymous = app.test_client()
    assert "Stop these mails?" in anonymous.get(link).get_data(as_text=True)
    assert db.session.get(User, member.id).email_notifications == [
        "reply",
        "moderation",
        "mentorship",
        "followup",
    ]
    done = anonymous.post(link)  # what a mail client's one-click sends: no session, no CSRF token
    assert done.status_code == 200 and "Replies to stories I wrote or follow" in done.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, member.id).email_notifications == ["moderation", "mentorship", "followup"]

    _an_hour_passes()
    _tell(member, "Another reply.")
    assert mailing.send_due_mails() == 0

    assert anonymous.get("/notifications/stop/not-a-token").status_code == 400
    assert anonymous.post(link[:-3] + "abc").status_code == 400


def test_a_worker_killed_after_the_claim_sends_once_and_one_killed_after_hand_over_never_again(
    member, mailbox
):
    _tell(member, "A reply.")
    # The claim was committed, then the worker died before anything reached the server.
    ((user_id, kind),) = mailing._due()
    claimed = mailing._claim(user_id, kind)
    assert mailing.send_due_mails() == 0, "the claimed mail waits for its worker until the claim is old"
    db.session.execute(update(NotificationMail).values(claimed_at=utcnow() - timedelta(minutes=10)))
    db.session.commit()
    assert mailing.send_due_mails() == 1
    assert len(mailbox.to(member.email)) == 1
    assert db.session.get(NotificationMail, claimed.id).status == "sent"

    # This time the server had the whole mail but the worker died before hearing back: never sent again.
    _an_hour_passes()
    _tell(member, "Another reply.")
    ((user_id, kind),) = mailing._due()
    second = mailing._claim(user_id, kind)
    db.session.execute(
        update(NotificationMail)
        .where(NotificationMail.id == second.id)
        .values(handed_over_at=utcnow(), claimed_at=utcnow() - timedelta(minutes=10))
    )
    db.session.commit()
    assert mailing.send_due_mails() == 0
    assert len(mailbox.to(member.email)) == 1
    assert db.session.get(NotificationMail, second.id).status == "sent"


def test_a_refusing_server_then_recovering_sends_the_mail_once(member, mailbox):
    _tell(member, "A reply.")
    mailbox.refuse = 451
    assert mailing.send_due_mails() == 0
    mailbox.refuse = None
    assert mailing.send_due_mails() == 0, "retried once its claim is old, not at once"
    db.session.execute(update(NotificationMail).values(claimed_at=utcnow() - timedelta(minutes=10)))
    db.session.commit()
    assert mailing.send_due_mails() == 1
    assert mailing.send_due_mails() == 0
    assert len(mailbox.to(member.email)) == 1


def test_reactions_after_a_mail_start_a_new_notification(member):
    db.session.get(User, member.id).email_notifications = ["reactions"]
    db.session.commit()
    _tell(member, "1 person found your story helpful", kind="reactions", subject_key="r-1")
    mailing.send_due_mails()
    _tell(member, "2 people found your story helpful", kind="reactions", subject_key="r-1")
    texts = [n.text for n in db.session.query(Notification).order_by(Notification.id)]
    assert texts == ["1 person found your story helpful", "2 people found your story helpful"]


def test_the_worker_mails_notifications_every_minute():
    from worker import jobs
    from worker.__main__ import CRON_JOBS

    assert (jobs.send_notification_mails, "mail", 60, None) in CRON_JOBS
