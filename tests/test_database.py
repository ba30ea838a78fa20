"""`mlakb build`: the database holds the records' facts, and a failed build keeps the previous database."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import run_mlakb


def rows(db, sql, *params):
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def test_build_writes_the_records_facts(mini, tmp_path):
    build = tmp_path / "build"
    result = run_mlakb("build", "--only", "database", root=mini, build=build)
    assert result.returncode == 0, result.stdout + result.stderr
    db = build / "mlakb.db"
    [iag] = rows(db, "select * from central_authorities where jurisdiction = 'can'")
    assert iag["unit"] == "International Assistance Group, Litigation Branch, Criminal Law Division"
    assert iag["address"] == "284 Wellington Street, 2nd floor, Ottawa, ON K1A 0H8"
    assert json.loads(iag["languages"]) == ["en", "fr"]
    assert {r["language_zh"] for r in rows(db, "select language_zh from authority_languages where authority = 'can-iag'")} == {"英语", "法语"}
    [tha] = rows(db, "select * from jurisdictions where id = 'tha'")
    assert tha["has_central_authority"] == 0 and json.loads(tha["unknown"]) == ["central-authority", "languages"]
    assert rows(db, "select state, consent from parties where instrument = 'untoc' order by state") == [
        {"state": "can", "consent": "2002-05-13"}, {"state": "chn", "consent": "2003-09-23"}]
    assert {r["jurisdiction"] for r in rows(db, "select jurisdiction from party_states where instrument = 'cn-can-mla'")} == {"can", "chn"}
    # every fact carries the date and kind of the sources that state it
    [contact] = rows(db, "select * from contacts where authority = 'can-iag'")
    assert contact["sources_newest"] == "2014-12-01" and json.loads(contact["sources_kinds"]) == ["official"] and contact["sources_old"] == 1
    assert rows(db, "select article from provisions where instrument = 'untoc' and topic = 'dual-criminality'") == [{"article": "18(9)"}]
    [source] = rows(db, "select * from sources where record = 'can'")
    assert source["url"].startswith("https://www.ris.bka.gv.at/")
    # full-text search on names, in Chinese too
    assert rows(db, "select rowid from authorities_fts where authorities_fts match '司法部'")


def test_failed_build_keeps_the_previous_database(mini, tmp_path):
    build = tmp_path / "build"
    assert run_mlakb("build", "--only", "database", root=mini, build=build).returncode == 0
    db = build / "mlakb.db"
    before = db.read_bytes()
    (mini / "directory/jurisdictions/can.yaml").write_text("id: can\nname: [broken\n", encoding="utf-8")
    result = run_mlakb("build", "--only", "database", root=mini, build=build)
    assert result.returncode == 1
    assert "directory/jurisdictions/can.yaml:" in result.stdout
    assert db.read_bytes() == before
    assert sorted(p.name for p in build.iterdir()) == ["metadata.json", "mlakb.db"]


def test_failure_while_writing_leaves_no_partial_file(tmp_path):
    from mlakb.common import atomic

    out = tmp_path / "out"
    out.mkdir()
    target = out / "mlakb.db"
    target.write_bytes(b"previous")
    with pytest.raises(RuntimeError):
        with atomic.new_file(target) as tmp:
            tmp.write_bytes(b"half-written")
            raise RuntimeError("disk full")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in out.iterdir()] == ["mlakb.db"]


@pytest.mark.slow
def test_build_killed_at_random_points_keeps_a_usable_database(mini, tmp_path):
    build = tmp_path / "build"
    assert run_mlakb("build", "--only", "database", root=mini, build=build).returncode == 0
    db = build / "mlakb.db"
    expected = rows(db, "select id from jurisdictions order by id")
    env = {**os.environ, "MLAKB_ROOT": str(mini), "MLAKB_BUILD": str(build)}
    rng = random.Random(8)
    for _ in range(6):
        proc = subprocess.Popen([sys.executable, "-m", "mlakb", "build", "--only", "database"], env=env, cwd=mini, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        assert rows(db, "select id from jurisdictions order by id") == expected
        assert rows(db, "pragma integrity_check") == [{"integrity_check": "ok"}]
