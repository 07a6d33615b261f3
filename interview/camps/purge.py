"""The retention job: every camp past its retention date loses everything personal
(recordings, transcripts, reports, reviews, students, queue entries); its anonymous
figures are kept. Run by the worker's upkeep and by ``interview purge``."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from interview.camps.access import CampAccess
from interview.camps.dashboard import dashboard
from interview.camps.deletion import camps_due, purge_camp, purge_date
from interview.db.tables import AnswerRow, CampRow, CampStudentRow
from interview.review import audit

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DueCamp:
    camp_id: str
    name: str
    purge_on: date
    students: int
    answers: int
    files: int  # recordings deleted (in a dry run: recordings held)


def _held(db: Session, camp_id: str) -> tuple[int, int, int]:
    sessions = select(CampStudentRow.session_id).where(CampStudentRow.camp_id == camp_id)
    students = db.scalar(select(func.count()).where(CampStudentRow.camp_id == camp_id)) or 0
    answers, files = db.execute(
        select(func.count(), func.count(AnswerRow.media_path)).where(
            AnswerRow.session_id.in_(sessions)
        )
    ).one()
    return int(students), int(answers), int(files)


def purge_due(
    sessions: sessionmaker[Session], media_dir: Path, forget: Callable[[Sequence[str]], object],
    today: date | None = None, dry_run: bool = False,
) -> list[DueCamp]:  # fmt: skip
    """The camps due (all of them deleted, unless ``dry_run``), one transaction each."""
    done = []
    with sessions() as db:
        due = [(camp.id, camp.name, purge_date(camp)) for camp in camps_due(db, today)]
    for camp_id, name, purge_on in due:
        with sessions.begin() as db:
            camp = db.get_one(CampRow, camp_id)
            students, answers, files = _held(db, camp_id)
            if dry_run:
                done.append(DueCamp(camp_id, name, purge_on, students, answers, files))
                continue
            figures = dashboard(db, CampAccess(camp, True, None)).figures.to_dict()
            deleted = purge_camp(db, camp, media_dir, figures)
            audit.record(db, "system", "purge", "purged", "camp", camp_id)
        forget(deleted.answer_ids)
        done.append(DueCamp(camp_id, name, purge_on, deleted.students, len(deleted.answer_ids),
                            deleted.files))  # fmt: skip
        logger.info("camp %s purged: %d students, %d answers", camp_id, deleted.students,
                    len(deleted.answer_ids))  # fmt: skip
    return done
