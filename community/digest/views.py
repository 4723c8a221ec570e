from __future__ import annotations

from flask import Blueprint

bp = Blueprint("digest", __name__)
