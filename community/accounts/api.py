from __future__ import annotations

from typing import Literal

from flask_login import current_user
from pydantic import BaseModel, Field
from spectree import Response

from community.accounts import services
from community.api import bp
from community.api.auth import member_required
from community.api.spec import BEARER, ErrorResponse, Schema, spec
from community.extensions import limiter


class NewUser(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=200)
    display_name: str = Field(max_length=60)


class Created(BaseModel):
    id: int


class Me(BaseModel):
    id: int
    email: str
    display_name: str
    role: str
    digest: str
    industries: list[str]


class Preferences(Schema):
    digest: Literal["weekly", "off"] | None = None
    industries: list[str] | None = Field(None, max_length=20)


@bp.post("/users")
@limiter.limit("30/hour")
@spec.validate(
    json=NewUser,
    resp=Response(HTTP_201=Created, HTTP_409=ErrorResponse, HTTP_422=ErrorResponse, HTTP_429=ErrorResponse),
    tags=["accounts"],
)
def create_user(json: NewUser):
    user = services.register(json.email, json.password, json.display_name)
    return {"id": user.id}, 201


def me_body() -> dict:
    user = current_user
    return {
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "role": user.role,
        "digest": user.digest,
        "industries": services.member_industries(user),
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
    services.update_preferences(current_user, digest=json.digest, industries=json.industries)
    return me_body()
