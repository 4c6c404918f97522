#!/usr/bin/env python3
"""What SQLite alone needs to store N imported reconsideration cases, with Fazhi's own schema.

The import (`--import` in Fazhi.Benchmarks) writes per case: one case row, one audit entry, one clock, one timeline
event, one or two party rows and one FTS5 search row (contentless: the index and the case type and id, not the text),
with the non-unique secondary indexes of the four bulk tables
dropped and built again afterwards, then commits and checkpoints (docs/benchmarks.md). This script writes rows of the
same shape and size with Python's sqlite3 `executemany` (a C loop: no parsing, no validation, no hashing), in the same
order and with the same index handling, so its total is a floor for the import on this machine and schema.

Usage:
    FAZHI_DB="Data Source=/tmp/schema.db" ./fazhi db migrate
    python3 bench/sqlite_floor.py /tmp/schema.db 100000 [--blob-ids]

--blob-ids writes every id as 16 bytes instead of 36-character text (what storing GUIDs as blobs would save).

The schema is copied from the migrated file into a fresh file next to it (<name>.floor.db), which is left behind.
"""
import itertools
import os
import random
import sqlite3
import sys
import time


def main() -> None:
    if len(sys.argv) not in (3, 4) or (len(sys.argv) == 4 and sys.argv[3] != "--blob-ids"):
        sys.exit("usage: sqlite_floor.py MIGRATED_DB CASES [--blob-ids]")
    source, n = sys.argv[1], int(sys.argv[2])
    blob_ids = len(sys.argv) == 4
    target = os.path.splitext(source)[0] + ".floor.db"
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(target + suffix):
            os.remove(target + suffix)

    schema = sqlite3.connect(source)
    statements = [r[0] for r in schema.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'case_search_%' ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END")]
    db = sqlite3.connect(target, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    contentless = False
    for sql in statements:
        if "contentless_unindexed" in sql and sqlite3.sqlite_version_info < (3, 48, 0):
            # Fazhi's search table is contentless FTS5 that keeps its two unindexed columns in a content table
            # (SQLite 3.48+). With an older library: a contentless table plus a rowid table of the same two columns.
            sql = ("CREATE VIRTUAL TABLE case_search USING fts5(tokens, case_type UNINDEXED, case_id UNINDEXED, "
                   "tokenize = 'unicode61', content = '')")
            db.execute("CREATE TABLE case_search_content (id INTEGER PRIMARY KEY, c1, c2)")
            contentless = True
        db.execute(sql)
    db.execute("PRAGMA cache_size = -262144")  # as the import sets it

    # Version-7-like ids: time-ordered upper-case text, as Fazhi stores GUIDs.
    counter = itertools.count(1)

    def new_id() -> str:
        h = "%032X" % ((0x19ADF000000 << 80) | (next(counter) << 20) | random.getrandbits(20))
        if blob_ids:
            return bytes.fromhex(h)
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    org = new_id()
    columns = {t: [r[1] for r in db.execute(f"PRAGMA table_info({t})")] for t in
               ("reconsideration_cases", "audit_entries", "clocks", "case_events", "reconsideration_parties")}

    def case_row(i: int) -> list:
        values = {
            "id": new_id(), "org_id": org, "case_number": f"B3复〔2024〕{i}号", "law_version": "2023", "channel": "import",
            "received_on": "2024-03-%02d" % (1 + i % 28), "respondent_name": "某某公司", "matter": "penalty",
            "request": "撤销行政处罚决定书第%d号" % (1000 + i % 9000), "applicant_names": "张伟、李芳", "stage": "accepted",
            "procedure": "ordinary", "accepted_on": "2024-03-%02d" % (1 + i % 28), "deemed_accepted": 0, "extended_days": 0,
            "created_at_utc": "2026-12-02 15:00:00.1234567", "received_year": 2024,
        }
        return [values.get(c) for c in columns["reconsideration_cases"]]

    cases = [case_row(i) for i in range(n)]
    ids = [c[columns["reconsideration_cases"].index("id")] for c in cases]
    timings = []

    def step(name, action):
        started = time.perf_counter()
        action()
        timings.append((name, time.perf_counter() - started))

    def insert(table, rows):
        cols = columns[table]
        db.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)

    db.execute("BEGIN")
    deferred = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' "
        "AND tbl_name IN ('reconsideration_cases', 'reconsideration_parties', 'clocks', 'case_events')").fetchall()
    for name, _ in deferred:
        db.execute(f'DROP INDEX "{name}"')

    step("case rows", lambda: insert("reconsideration_cases", cases))
    step("audit entries", lambda: insert("audit_entries", (
        [i + 1, "2026-12-02 15:00:00.123", None, "cli", None, "created", "ReconsiderationCase", ids[i], "", None,
         "a" * 64, "b" * 64, "c" * 64] for i in range(n))))
    step("clocks", lambda: insert("clocks", (
        [new_id(), org, "reconsideration", ids[i], None, "reconsideration.decision", "2023", "2024-03-01", 0, "v1",
         "2024-05-06", 0, "running", None, "2026-12-02 15:00:00"] for i in range(n))))
    step("timeline events", lambda: insert("case_events", (
        [new_id(), "reconsideration", ids[i], "imported", "2024-03-01", f"批量导入（bench.jsonl 第 {i + 1} 行）：已受理",
         None, None, "2026-12-02 15:00:00"] for i in range(n))))
    step("parties (4 per 3 cases)", lambda: insert("reconsideration_parties", (
        [new_id(), ids[i * 3 // 4], 1 + i % 2, "applicant", "张伟", None, None, None]
        for i in range(n * 4 // 3))))
    tokens = " ".join("复议撤销行政处罚决定书第号张伟李芳某某公司"[k:k + 2] for k in range(20)) * 3
    db.execute("INSERT INTO case_search (case_search, rank) VALUES ('hashsize', 67108864)")
    if contentless and sqlite3.sqlite_version_info < (3, 48, 0):
        def search_rows():
            db.executemany("INSERT INTO case_search_content (id, c1, c2) VALUES (?, 'reconsideration', ?)",
                           ((i + 1, ids[i]) for i in range(n)))
            db.executemany("INSERT INTO case_search (rowid, tokens) VALUES (?, ?)", ((i + 1, f"{i} {tokens}") for i in range(n)))
        step("search rows (FTS5)", search_rows)
    else:
        step("search rows (FTS5)", lambda: db.executemany(
            "INSERT INTO case_search (case_type, case_id, tokens) VALUES ('reconsideration', ?, ?)",
            ((ids[i], f"{i} {tokens}") for i in range(n))))
    step("index builds", lambda: [db.execute(sql) for _, sql in deferred])
    step("commit", lambda: db.execute("COMMIT"))
    step("checkpoint", lambda: db.execute("PRAGMA wal_checkpoint(TRUNCATE)"))

    total = sum(t for _, t in timings)
    for name, seconds in timings:
        print(f"{name:26} {seconds:7.2f} s")
    print(f"{'total':26} {total:7.2f} s = {n / total:,.0f} cases/s")


if __name__ == "__main__":
    main()
