"""Run as the unprivileged owner (see ``unprivileged.py``): put one finished session and a screening
of the built-in pack that lets a session start in the history of DATA_DIR.
Usage: ``python -m tests.faults.owner_history DATA_DIR``."""

from __future__ import annotations

import sys
from pathlib import Path

from solecheck.history.records import SessionRecord, StepRecord
from solecheck.history.store import HistoryStore
from solecheck.packs.loader import load_pack
from tests.conftest import BUILTIN_PACK
from tests.faults.app_process import record_proceed_screening

if __name__ == "__main__":
    data_dir = Path(sys.argv[1])
    record_proceed_screening(data_dir, load_pack(BUILTIN_PACK))
    with HistoryStore.open(data_dir) as store:
        session = SessionRecord(pack_id="p", pack_version="1", routine_id="r", routine_title="R", planned_steps=1)
        store.start_session(session)
        store.record_step(StepRecord(session_id=session.id, position=0, exercise_id="e", exercise_title="E",
                                     region="foot", status="done"))
        store.finish_session(session.id, "completed")
