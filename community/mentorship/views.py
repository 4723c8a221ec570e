from __future__ import annotations

from flask import Blueprint

bp = Blueprint("mentorship", __name__)
