"""A real client reads lgit's refusals: psycopg (Debian's python3-psycopg) catches each error,
reads its SQLSTATE (the rule's code) and parses its facts.

The facts reach an application in two ways.  For a stage move, lgit.blockers() returns them
as jsonb, with the same rule codes the refusal raises.  In the refusal itself they are the
"Facts:" line of errdetail: a JSON object, built with the jsonb API so that quotes and
backslashes in a value are escaped; the values must round-trip exactly.

Runs against the server libpq's environment names (PGHOST, PGPORT, PGUSER: a superuser), as
scripts/test.sh leaves it, in a database of its own (lgit and demo/sample.sql), dropped at the
end; run it with Debian's /usr/bin/python3, where python3-psycopg is installed.  Prints TAP;
exits non-zero when a test fails.
"""
import json
import os
import sys

import psycopg

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DB = "lgit_client_refusals"

# A person whose registered name holds what breaks text formats: quotes, a backslash, a semicolon.
AWKWARD = 'o\'brien "bj"; x\\y'

results = []


def check(ok, name):
    results.append((bool(ok), name))


def facts_line(detail):
    """The text of the Facts: line of an errdetail."""
    for line in (detail or '').splitlines():
        if line.startswith('Facts: '):
            return line[len('Facts: '):]
    return None


def json_facts(detail):
    """The facts of errdetail, parsed as JSON (None when there is no Facts: line)."""
    text = facts_line(detail)
    return None if text is None else json.loads(text)


def refused(conn, actor, sql, params=()):
    """Runs sql as actor; returns the error it raised (None if it did not)."""
    with conn.cursor() as cur:
        cur.execute("SELECT set_config('lgit.actor', %s, false)", (actor,))
        try:
            cur.execute(sql, params)
        except psycopg.Error as e:
            conn.rollback()
            return e
        conn.rollback()
    return None


def check_refusal(error, sqlstate, name, expect_in_facts=None):
    check(error is not None, f'{name}: refused')
    if error is None:
        return None
    check(error.sqlstate == sqlstate, f'{name}: sqlstate {error.sqlstate} is the rule {sqlstate}')
    detail = error.diag.message_detail or ''
    check('第' in detail and '条' in detail, f'{name}: errdetail quotes the article')
    check(facts_line(detail) is not None, f'{name}: errdetail has a Facts: line')
    try:
        facts = json_facts(detail)
    except ValueError as e:
        check(False, f'{name}: the Facts: line does not parse as JSON ({e})')
        return None
    check(isinstance(facts, dict), f'{name}: the facts parse as a JSON object')
    if expect_in_facts is not None:
        check(isinstance(facts, dict) and expect_in_facts in [str(v) for v in facts.values()],
              f'{name}: a value of the facts round-trips exactly: {expect_in_facts!r}')
    return facts


def setup():
    with psycopg.connect(dbname="postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DB}")
        admin.execute(f"CREATE DATABASE {DB}")
    with psycopg.connect(dbname=DB, autocommit=True) as owner:
        owner.execute("SET client_min_messages = warning")
        owner.execute("CREATE EXTENSION lgit CASCADE")
        with open(os.path.join(ROOT, "demo", "sample.sql"), encoding="utf-8") as sample:
            owner.execute(sample.read())


def teardown():
    with psycopg.connect(dbname="postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DB}")


def main():
    setup()
    try:
        return run()
    finally:
        teardown()


def run():
    conn = psycopg.connect(dbname=DB, autocommit=False)
    with conn.cursor() as cur:
        cur.execute("""INSERT INTO lgit.actor (actor_name, unit_id, capacity)
                       SELECT %s, unit_id, 'unit' FROM lgit.unit WHERE code = 'BJJD'""", (AWKWARD,))
        cur.execute("SELECT project_id FROM lgit.project WHERE code = 'LG-2027-002'")
        jyj_project = cur.fetchone()[0]
        cur.execute("SELECT project_id FROM lgit.project WHERE code = 'LG-2027-001'")
        lc_project = cur.fetchone()[0]
    conn.commit()

    # A stage move: 区教育局 proposes its project without the proposal, minutes or meeting.
    error = refused(conn, 'jyj_liu', "SELECT lgit.advance(%s, 'proposed')", (jyj_project,))
    check_refusal(error, 'LG100', 'a proposal without its documents (stage move)')
    with conn.cursor() as cur:
        cur.execute("SELECT set_config('lgit.actor', 'jyj_liu', false)")
        cur.execute("SELECT code, facts FROM lgit.blockers(%s, 'proposed')", (jyj_project,))
        blockers = {code: facts for code, facts in cur.fetchall()}
    conn.rollback()
    check(error is not None and error.sqlstate in blockers,
          'lgit.blockers() names the rule the refusal raised')
    check(error is not None and isinstance(blockers.get(error.sqlstate), dict),
          "lgit.blockers() gives that rule's facts as a JSON object the client reads as a dict")
    if error is not None and isinstance(blockers.get(error.sqlstate), dict):
        facts = json_facts(error.diag.message_detail)
        check(facts is not None and set(facts) == set(blockers[error.sqlstate]),
              "the refusal's JSON facts have the keys lgit.blockers() gives")

    # Not a stage move: a person of 布吉街道 (with an awkward name) registers a result on
    # 龙城街道's project.
    error = refused(conn, AWKWARD,
                    "INSERT INTO lgit.result (project_id, kind, title, registered_on) VALUES (%s, 'data', 'x', '2026-11-01')",
                    (lc_project,))
    check_refusal(error, 'LG001', "a record on another unit's project (registry guard)", AWKWARD)

    # Not a stage move: a unit records an Art 32 list, which is the authority's.
    error = refused(conn, 'lc_wang',
                    "INSERT INTO lgit.om_list_sent (sent_on, project_id, project_code, project_name, unit_zh) "
                    "VALUES ('2026-12-01', %s, 'x', 'x', 'x')", (lc_project,))
    check_refusal(error, 'LG001', 'an Art 32 list recorded by a unit (registry guard)')

    conn.close()
    print(f'1..{len(results)}')
    failed = 0
    for n, (ok, name) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {n} - {name}')
        if not ok:
            failed += 1
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
