-- Chinese working days (工作日, doc/lgit.md §5): the State Council's holidays and adjusted working
-- days (调休上班), one notice per year, and the C functions that count deadlines with them.
-- The seed rows (2020–2026) are in 46_calendar_data.sql; the authority adds each new year.

CREATE TABLE lgit.calendar_year (
  year    int     PRIMARY KEY CHECK (year BETWEEN 1949 AND 9999),
  source  text    NOT NULL,
  seeded  boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE lgit.calendar_year IS
  'Years whose working days are known: a year is listed once the State Council''s holiday notice for it (国务院办公厅关于部分节假日安排的通知) is published and its days are loaded into lgit.calendar_day. Asking about a date in an unlisted year is an error, never a guess.';
COMMENT ON COLUMN lgit.calendar_year.year IS 'The year the notice covers; every date of this year is then counted from the calendar.';
COMMENT ON COLUMN lgit.calendar_year.source IS 'The notice the year''s days come from (title, and document number where known).';
COMMENT ON COLUMN lgit.calendar_year.seeded IS 'True for the rows shipped with the extension; pg_dump keeps only the others, which CREATE EXTENSION cannot recreate. A shipped row is changed by an update of the extension, not in place.';

CREATE TABLE lgit.calendar_day (
  day      date    PRIMARY KEY,
  kind     text    NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name_zh  text    NOT NULL,
  year     int     NOT NULL REFERENCES lgit.calendar_year,
  seeded   boolean NOT NULL DEFAULT false,
  CONSTRAINT calendar_day_in_notice_year CHECK (extract(year FROM day) BETWEEN year - 1 AND year),
  CONSTRAINT calendar_day_workday_on_weekend CHECK (kind = 'holiday' OR extract(isodow FROM day) IN (6, 7))
);
COMMENT ON TABLE lgit.calendar_day IS
  'The exceptions to Monday–Friday: public holidays (放假) and the Saturdays and Sundays made working days (调休上班), as each year''s State Council notice lists them. Any other Monday–Friday is a working day, any other Saturday or Sunday is not.';
COMMENT ON COLUMN lgit.calendar_day.kind IS 'holiday: no work that day (a listed holiday on a weekend changes nothing); workday: an adjusted working Saturday or Sunday (调休上班).';
COMMENT ON COLUMN lgit.calendar_day.name_zh IS 'The festival the day belongs to, as the notice names it (元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节).';
COMMENT ON COLUMN lgit.calendar_day.year IS 'The notice the day comes from; usually the day''s own year, but a notice may list the last days of the year before (2022-12-31 is in the notice for 2023).';
COMMENT ON COLUMN lgit.calendar_day.seeded IS 'True for the rows shipped with the extension; pg_dump keeps only the others, which CREATE EXTENSION cannot recreate. A shipped row is corrected by an update of the extension, not in place: pg_dump would not keep an edited or deleted shipped row.';
COMMENT ON CONSTRAINT calendar_day_in_notice_year ON lgit.calendar_day IS
  'A notice lists days of its own year, or the last days of the year before.';
COMMENT ON CONSTRAINT calendar_day_workday_on_weekend ON lgit.calendar_day IS
  'Only a Saturday or Sunday can be made a working day; Monday–Friday already is one.';

-- Rows the authority adds after install are user data: dump them, but not the seed rows that
-- CREATE EXTENSION itself inserts (46_calendar_data.sql).
SELECT pg_catalog.pg_extension_config_dump('lgit.calendar_year', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('lgit.calendar_day', 'WHERE NOT seeded');

-- Every backend caches the calendar (src/calendar.c): a change to either table makes every
-- backend reload it.
CREATE TRIGGER calendar_year_invalidate
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lgit.calendar_year
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.invalidate_cache();
COMMENT ON TRIGGER calendar_year_invalidate ON lgit.calendar_year IS
  'A year loaded or removed: every backend reloads its working-day calendar.';
CREATE TRIGGER calendar_day_invalidate
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lgit.calendar_day
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.invalidate_cache();
COMMENT ON TRIGGER calendar_day_invalidate ON lgit.calendar_day IS
  'A holiday or adjusted working day changed: every backend reloads its working-day calendar.';

-- STABLE, not IMMUTABLE: the answers come from lgit.calendar_day, which the authority changes
-- each year, so they must not be folded into plans, indexes or generated columns.  STABLE is
-- exact: within one statement the calendar is read with the statement's snapshot.
CREATE FUNCTION lgit.is_workday(day date) RETURNS boolean
  LANGUAGE c STABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'lgit_is_workday';
COMMENT ON FUNCTION lgit.is_workday(date) IS
  'True when day is a working day (工作日, doc/lgit.md §5): Monday–Friday unless a listed holiday, Saturday or Sunday only if a listed adjusted working day (调休上班). An error for a day in a year not in lgit.calendar_year. STABLE, not IMMUTABLE: the calendar changes when a notice is loaded.';

CREATE FUNCTION lgit.add_workdays(day date, n int) RETURNS date
  LANGUAGE c STABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'lgit_add_workdays';
COMMENT ON FUNCTION lgit.add_workdays(date, int) IS
  'The n-th working day after day for n > 0 (day itself never counts), day for n = 0, the n-th working day before day for n < 0 (doc/lgit.md §5). "Within N working days of X" means on or before add_workdays(X, N). An error when day or any day counted lies in a year not in lgit.calendar_year. STABLE, not IMMUTABLE: the calendar changes when a notice is loaded.';

CREATE FUNCTION lgit.workdays_between(from_day date, to_day date) RETURNS int
  LANGUAGE c STABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'lgit_workdays_between';
COMMENT ON FUNCTION lgit.workdays_between(date, date) IS
  'The number of working days in (from_day, to_day], negative when to_day < from_day (doc/lgit.md §5); workdays_between(a, add_workdays(a, n)) = n for n >= 0. An error when any day counted lies in a year not in lgit.calendar_year. STABLE, not IMMUTABLE: the calendar changes when a notice is loaded.';
