"""The search page: /search?q=..., its query and filters kept in the URL."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user

from community.errors import ServiceError
from community.pagination import page_number
from community.search import services
from community.search.forms import SearchForm
from community.stories.labels import LABELS
from community.web import open_notes

bp = Blueprint("search", __name__)

PAGE_SIZE = 20


@bp.get("/search")
def search():
    form = SearchForm(formdata=request.args)
    form.validate()
    # A filter that is not one of the choices is reported on the form and ignored.
    filters = {
        name: None if form[name].errors else (form[name].data or None)
        for name in ("stage", "industry", "category")
    }
    kind = "stories" if form.kind.errors else (form.kind.data or "stories")
    group_id = request.args.get("group_id", "")
    found, status = None, 200
    if "q" in request.args:
        try:
            found = services.search(
                current_user,
                request.args["q"],
                kind,
                group_id=int(group_id) if group_id.isdigit() and len(group_id) < 10 else None,
                page=page_number(),
                per_page=PAGE_SIZE,
                **filters,
            )
        except ServiceError as err:
            form.q.errors = [*form.q.errors, *err.fields.values()]
            status = err.status
    args = {
        name: value
        for name, value in {"q": form.q.data, "kind": kind, **filters, "group_id": group_id}.items()
        if value
    }
    return render_template(
        "search/search.html",
        form=form,
        found=found,
        capped=found is not None and found["total"] >= services.CANDIDATES,
        kind=kind,
        args=args,
        labels=LABELS,
        open_notes=open_notes(),
    ), status
