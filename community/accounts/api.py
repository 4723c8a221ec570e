from __future__ import annotations

from typing import Literal

from flask import request
from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field, StrictBool
from spectree import Response

from community import limits
from community.accounts import erasure, flows, services
from community.accounts.industries import members_industries
from community.accounts.models import NOTIFICATION_KINDS
from community.api import bp
from community.api.auth import member_required
from community.api.spec import BEARER, ErrorResponse, Schema, spec
from community.extensions import email_limit_key, limiter
from community.models import isoformat


class NewUser(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=200)
    display_name: str = Field(max_length=60)


class Created(BaseModel):
    id: int


class Accepted(BaseModel):
    status: str


class EmailOnly(Schema):
    email: str = Field(max_length=254)


class TokenOnly(Schema):
    token: str = Field(max_length=1000)


class NewPassword(Schema):
    password: str = Field(max_length=200)


class PasswordChange(Schema):
    current_password: str = Field(max_length=200)
    new_password: str = Field(max_length=200)


class EmailChange(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=200)


class Export(BaseModel):
    """The account, then one section per area (posts, memberships, mentorship, toolkit, ...)."""

    model_config = ConfigDict(extra="allow")
    account: dict


class AccountDeletion(Schema):
    password: str = Field(max_length=200)
    stories: Literal["delete", "keep"]


NotificationKind = Literal[NOTIFICATION_KINDS]  # type: ignore[valid-type]


class Me(BaseModel):
    id: int
    email: str
    display_name: str
    role: str
    digest: str
    industries: list[str]
    email_notifications: list[str]
    created_at: str | None = None


class Preferences(Schema):
    digest: Literal["weekly", "off"] | None = None
    industries: list[str] | None = Field(None, max_length=20)
    email_notifications: list[NotificationKind] | None = Field(
        None, max_length=len(NOTIFICATION_KINDS), description="Notification kinds that are also mailed."
    )
    show_content_notes: StrictBool | None = Field(None, description="Show stories with content notes open.")
    display_name: str | None = Field(
        None,
        max_length=60,
        description="Checked like a new one: no contact details, nothing the rules block.",
    )


@bp.post("/users")
@limiter.limit(limits.REGISTRATIONS)
@spec.validate(
    json=NewUser,
    resp=Response(HTTP_202=Accepted, HTTP_422=ErrorResponse, HTTP_429=ErrorResponse),
    tags=["accounts"],
)
def create_user(json: NewUser):
    """The same answer whether or not the address has an account; the mail it gets differs."""
    services.register(json.email, json.password, json.display_name)
    return CONFIRMATION_SENT, 202


CONFIRMATION_SENT = {"status": "confirmation_sent"}


@bp.post("/email-confirmations")
@spec.validate(json=TokenOnly, resp=Response(HTTP_200=Created, HTTP_400=ErrorResponse), tags=["accounts"])
def confirm_email(json: TokenOnly):
    return {"id": flows.confirm_email(json.token)}


@bp.post("/email-confirmations/resend")
@limiter.limit(limits.MAILS_PER_ADDRESS, key_func=email_limit_key)
@spec.validate(json=EmailOnly, resp=Response(HTTP_202=Accepted, HTTP_429=ErrorResponse), tags=["accounts"])
def resend_confirmation(json: EmailOnly):
    flows.resend_confirmation(json.email)
    return CONFIRMATION_SENT, 202


@bp.post("/password-resets")
@limiter.limit(limits.MAILS_PER_ADDRESS, key_func=email_limit_key)
@spec.validate(json=EmailOnly, resp=Response(HTTP_202=Accepted, HTTP_429=ErrorResponse), tags=["accounts"])
def request_password_reset(json: EmailOnly):
    flows.request_password_reset(json.email)
    return {"status": "reset_sent"}, 202


@bp.post("/password-resets/<token>")
@spec.validate(
    json=NewPassword,
    resp=Response("HTTP_204", HTTP_400=ErrorResponse, HTTP_422=ErrorResponse),
    tags=["accounts"],
)
def reset_password(token: str, json: NewPassword):
    flows.reset_password(token, json.password)
    return "", 204


def _own_token_hash() -> str | None:
    return services.hash_token(request.headers.get("Authorization", "")[7:].strip())


@bp.put("/me/password")
@member_required
@spec.validate(
    json=PasswordChange,
    resp=Response("HTTP_204", HTTP_409=ErrorResponse, HTTP_422=ErrorResponse),
    tags=["accounts"],
    security=BEARER,
)
def change_password(json: PasswordChange):
    keep = flows.Keep(token_hash=_own_token_hash())
    flows.change_password(current_user, json.current_password, json.new_password, keep)
    return "", 204


@bp.put("/me/email")
@member_required
@limiter.limit(limits.MAILS_PER_ADDRESS, key_func=lambda: f"email-change|{current_user.id}")
@spec.validate(
    json=EmailChange,
    resp=Response(HTTP_202=Accepted, HTTP_422=ErrorResponse, HTTP_429=ErrorResponse),
    tags=["accounts"],
    security=BEARER,
)
def change_email(json: EmailChange):
    flows.change_email(current_user, json.email, json.password)
    return CONFIRMATION_SENT, 202


@bp.post("/me/sign-out-everywhere")
@member_required
@spec.validate(resp=Response("HTTP_204", HTTP_401=ErrorResponse), tags=["accounts"], security=BEARER)
def sign_out_everywhere():
    flows.end_sessions(current_user.id)
    return "", 204


@bp.get("/me/export")
@member_required
@spec.validate(resp=Response(HTTP_200=Export, HTTP_401=ErrorResponse), tags=["accounts"], security=BEARER)
def export_me():
    body = erasure.export_account(current_user)
    return body, 200, {"Content-Disposition": 'attachment; filename="rebound-export.json"'}


@bp.delete("/me")
@member_required
@spec.validate(
    json=AccountDeletion,
    resp=Response("HTTP_204", HTTP_401=ErrorResponse, HTTP_422=ErrorResponse),
    tags=["accounts"],
    security=BEARER,
)
def delete_me(json: AccountDeletion):
    body = request.get_json(silent=True) if json is None else json.model_dump()
    if not isinstance(body, dict):
        body = {}
    # The validator leaves a DELETE's body alone, so its fields are checked here.
    erasure.delete_account(current_user, str(body.get("password") or ""), str(body.get("stories") or ""))
    return "", 204


def me_body() -> dict:
    user = current_user
    return {
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "role": user.role,
        "digest": user.digest,
        "industries": members_industries([user.id])[user.id],
        "email_notifications": list(user.email_notifications),
        "created_at": isoformat(user.created_at),
    }


@bp.get("/me")
@member_required
@spec.validate(resp=Response(HTTP_200=Me, HTTP_401=ErrorResponse), tags=["accounts"], security=BEARER)
def me():
    return me_body()


@bp.put("/me/preferences")
@member_required
@spec.validate(
    json=Preferences, resp=Response(HTTP_200=Me, HTTP_422=ErrorResponse), tags=["accounts"], security=BEARER
)
def preferences(json: Preferences):
    services.update_preferences(
        current_user,
        digest=json.digest,
        industries=json.industries,
        email_notifications=json.email_notifications,
        show_content_notes=json.show_content_notes,
        display_name=json.display_name,
    )
    return me_body()
