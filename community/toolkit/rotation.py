"""Re-encrypting every toolkit value under the newest key, after a new key is put first in TOOLKIT_KEY."""

from __future__ import annotations

from sqlalchemy import Text, column, select, table, update

from community.extensions import db
from community.toolkit.crypto import EncryptedJSON, EncryptedText, rotate
from community.toolkit.models import CheckIn, Debrief, PlanAction


def rotate_all(batch: int = 500) -> int:
    """Re-encrypt every toolkit value under the current key (the first in TOOLKIT_KEY); how many rows
    changed. Tokens are read and written as stored text, so no value is ever decrypted into memory for
    longer than MultiFernet.rotate needs."""
    changed = 0
    for model in (Debrief, PlanAction, CheckIn):
        names = [c.name for c in model.__table__.columns if isinstance(c.type, EncryptedText | EncryptedJSON)]
        raw = table(model.__tablename__, column("id"), *(column(n, Text) for n in names))
        last = 0
        while True:
            rows = db.session.execute(
                select(raw).where(raw.c.id > last).order_by(raw.c.id).limit(batch)
            ).all()
            if not rows:
                break
            for row in rows:
                values = {n: rotate(getattr(row, n)) for n in names if getattr(row, n) is not None}
                if values:
                    db.session.execute(update(raw).where(raw.c.id == row.id).values(**values))
                    changed += 1
            last = rows[-1].id
            db.session.commit()
    return changed
