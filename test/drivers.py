"""A real client: psycopg 3 (Debian's python3-psycopg), as a district application would use it.

Drivers send a Python or Java string as a typed parameter: JDBC's setString as varchar, psycopg
as unknown by default or as text.  PostgreSQL casts none of them to the enum lgit.stage by
itself, so lgit has text variants of lgit.advance() and lgit.blockers().  This passes the stage
in each of the three ways, as server-side bound parameters, through a login role of lgit_app
that names the person per transaction; it catches lgit's refusals and reads their SQLSTATE,
detail and hint, and a misspelled stage's error.

Runs against the server libpq's environment names (PGHOST, PGPORT, PGUSER: a superuser), as
scripts/test.sh leaves it, in a database and a role of its own, dropped at the end.  Run it with
Debian's /usr/bin/python3 (the one python3-psycopg installs into).  Exits non-zero on failure.
"""
import os
import sys

import psycopg
from psycopg import errors
from psycopg.types.string import StrDumper

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DB = "lgit_drivers"
APP_ROLE = "regress_drivers_app"


class VarcharDumper(StrDumper):
    """A str sent as varchar, as JDBC's setString does."""
    oid = psycopg.adapters.types["varchar"].oid


class TextDumper(StrDumper):
    """A str sent as text."""
    oid = psycopg.adapters.types["text"].oid


def fail(message):
    print(f"drivers: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def check(what, got, expected):
    if got != expected:
        fail(f"{what}: {got!r} instead of {expected!r}")


def setup():
    with psycopg.connect(dbname="postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DB}")
        admin.execute(f"CREATE DATABASE {DB}")
    with psycopg.connect(dbname=DB, autocommit=True) as owner:
        owner.execute("SET client_min_messages = warning")
        owner.execute("CREATE EXTENSION lgit CASCADE")
        with open(os.path.join(ROOT, "demo", "sample.sql"), encoding="utf-8") as sample:
            owner.execute(sample.read())
        owner.execute(f"DROP ROLE IF EXISTS {APP_ROLE}")
        owner.execute(f"CREATE ROLE {APP_ROLE} LOGIN IN ROLE lgit_app")


def teardown():
    with psycopg.connect(dbname="postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DB}")
        admin.execute(f"DROP ROLE IF EXISTS {APP_ROLE}")


def as_person(conn, actor):
    """Names the person for this transaction only, as a pooled application must."""
    conn.execute("SELECT set_config('lgit.actor', %s, true)", [actor])


def project_id(conn, code):
    return conn.execute("SELECT project_id FROM lgit.project WHERE code = %s", [code]).fetchone()[0]


def run():
    passed = 0
    with psycopg.connect(dbname=DB, user=APP_ROLE, autocommit=True) as app:
        with app.transaction():
            as_person(app, "lc_wang")
            p = project_id(app, "LG-2027-001")
        for name, dumper in (("unknown", None), ("text", TextDumper), ("varchar", VarcharDumper)):
            if dumper is not None:
                app.adapters.register_dumper(str, dumper)
            # the stage as a bound parameter of each type, prepared on the server as JDBC does
            with app.transaction():
                as_person(app, "lc_wang")
                codes = [row[0] for row in app.execute(
                    "SELECT code FROM lgit.blockers(%s, %s)", [p, "proposed"], prepare=True)]
                check(f"lgit.blockers() with the stage as {name}", codes, ["LG100"])
            passed += 1
            # a refusal: its SQLSTATE is the rule code, with the article and a hint; nothing moved
            try:
                with app.transaction():
                    as_person(app, "lc_wang")
                    app.execute("SELECT lgit.advance(%s, %s)", [p, "proposed"], prepare=True)
                fail(f"lgit.advance() without the proposal was not refused (stage as {name})")
            except errors.Error as e:
                check(f"SQLSTATE of the refusal (stage as {name})", e.sqlstate, "LG100")
                if "第十条" not in (e.diag.message_detail or ""):
                    fail(f"the refusal's detail does not quote Art 10: {e.diag.message_detail!r}")
                if not e.diag.message_hint:
                    fail("the refusal has no hint")
            passed += 1
            # a misspelled stage: a clear error naming it, not "function does not exist"
            try:
                with app.transaction():
                    as_person(app, "lc_wang")
                    app.execute("SELECT * FROM lgit.blockers(%s, %s)", [p, "aproved"])
                fail(f"a misspelled stage was accepted (as {name})")
            except errors.Error as e:
                check(f"SQLSTATE of a misspelled stage (as {name})", e.sqlstate, "22P02")
                if '"aproved" is not a stage' not in e.diag.message_primary:
                    fail(f"a misspelled stage's message: {e.diag.message_primary!r}")
            passed += 1
            with app.transaction():
                as_person(app, "lc_wang")
                check("the project's stage after the refusals", app.execute(
                    "SELECT stage::text FROM lgit.project WHERE project_id = %s", [p]).fetchone()[0], "draft")

        # with the evidence on file the move goes through, the stage sent as varchar; the
        # history row written comes back
        with app.transaction():
            as_person(app, "lc_wang")
            app.execute(
                """INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on,
                                              content_sha256, parts)
                   SELECT %s, 'proposal', %s, '项目建议书', '龙城街道办事处', '2026-09-20',
                          sha256(%s::bytea), array_agg(part) FROM lgit.document_part WHERE kind = 'proposal'""",
                [p, "深龙城办〔2026〕30号", b"proposal"])
            app.execute(
                """INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256,
                                              conclusion)
                   VALUES (%s, 'unit_leadership_minutes', %s, '党工委会议纪要', '龙城街道党工委', '2026-09-15',
                           sha256(%s::bytea), 'approved')""",
                [p, "龙城街道党工委会议纪要〔2026〕12号", b"minutes"])
            seq, to_stage = app.execute(
                "SELECT seq, to_stage::text FROM lgit.advance(%s, %s, %s)", [p, "proposed", None],
                prepare=True).fetchone()
            check("the move's history row", (seq, to_stage), (2, "proposed"))
        passed += 1
        # the authority returns it, with the reason as a parameter too
        with app.transaction():
            as_person(app, "zsj_chen")
            to_stage = app.execute("SELECT to_stage::text FROM lgit.advance(%s, %s, %s)",
                                   [p, "draft", "请补充整合共享方案"]).fetchone()[0]
            check("the return", to_stage, "draft")
        passed += 1
        # outside a transaction that names a person, the application is nobody and sees nothing
        try:
            with app.transaction():
                app.execute("SELECT lgit.advance(%s, %s)", [p, "proposed"])
            fail("a move without lgit.actor was not refused")
        except errors.Error as e:
            check("SQLSTATE of a move by nobody", (e.sqlstate, e.diag.message_primary),
                  ("P0002", f"project {p} does not exist"))
        passed += 1
    return passed


def main():
    setup()
    try:
        passed = run()
    finally:
        teardown()
    print(f"drivers: ok - psycopg {psycopg.__version__}: {passed} checks; the stage passed as unknown, "
          "text and varchar parameters; LG refusals caught with their SQLSTATE, detail and hint")


if __name__ == "__main__":
    main()
