-- Chinese working days (工作日, SPEC §5): the State Council's holidays and adjusted working
-- days (调休上班), one notice per year, and the C functions that count deadlines with them.
-- The seed rows (2020–2026) are in 46_calendar_data.sql; the authority loads each new year
-- with lgit.load_calendar_year() or lgit.load_calendar_json(), and a loaded year is immutable.

CREATE TABLE lgit.calendar_year (
  year    int     PRIMARY KEY CHECK (year BETWEEN 1949 AND 9999),
  source  text    NOT NULL,
  seeded  boolean NOT NULL DEFAULT false,
  loaded_by text,
  loaded_at timestamptz
);
COMMENT ON TABLE lgit.calendar_year IS
  'Years whose working days are known: a year is listed once the State Council''s holiday notice for it (国务院办公厅关于部分节假日安排的通知) is published and its days are loaded into lgit.calendar_day. Asking about a date in an unlisted year is an error, never a guess.';
COMMENT ON COLUMN lgit.calendar_year.year IS 'The year the notice covers; every date of this year is then counted from the calendar.';
COMMENT ON COLUMN lgit.calendar_year.source IS 'The notice the year''s days come from: its document number (e.g. 国办发明电〔2026〕N号) and/or title, as the authority gave it to the loader.';
COMMENT ON COLUMN lgit.calendar_year.loaded_by IS 'The person (lgit actor) who loaded the year with lgit.load_calendar_days(); NULL for the shipped years and for years added before 0.2.0 recorded it.';
COMMENT ON COLUMN lgit.calendar_year.loaded_at IS 'When the year was loaded; NULL for the shipped years and for years added before 0.2.0 recorded it.';
COMMENT ON COLUMN lgit.calendar_year.seeded IS 'True for the rows shipped with the extension; pg_dump keeps only the others, which CREATE EXTENSION cannot recreate. A shipped row is changed by an update of the extension, not in place.';

CREATE TABLE lgit.calendar_day (
  day      date    PRIMARY KEY,
  kind     text    NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name_zh  text,
  year     int     NOT NULL REFERENCES lgit.calendar_year,
  seeded   boolean NOT NULL DEFAULT false,
  CONSTRAINT calendar_day_in_notice_year CHECK (extract(year FROM day) BETWEEN year - 1 AND year),
  CONSTRAINT calendar_day_workday_on_weekend CHECK (kind = 'holiday' OR extract(isodow FROM day) IN (6, 7))
);
COMMENT ON TABLE lgit.calendar_day IS
  'The exceptions to Monday–Friday: public holidays (放假) and the Saturdays and Sundays made working days (调休上班), as each year''s State Council notice lists them. Any other Monday–Friday is a working day, any other Saturday or Sunday is not.';
COMMENT ON COLUMN lgit.calendar_day.kind IS 'holiday: no work that day (a listed holiday on a weekend changes nothing); workday: an adjusted working Saturday or Sunday (调休上班).';
COMMENT ON COLUMN lgit.calendar_day.name_zh IS 'The festival the day belongs to, as the notice names it (元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节); NULL when the list loaded gave dates only.';
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

-- A loaded year is immutable for everyone, the owner included: deadlines were counted by it.
-- Only the loader and the extension's own scripts write the calendar (src/calendar_load.c).
CREATE FUNCTION lgit.calendar_guard() RETURNS trigger
  LANGUAGE c AS 'MODULE_PATHNAME', 'lgit_calendar_guard';
COMMENT ON FUNCTION lgit.calendar_guard() IS
  'Trigger: refuses (LG002) every write to lgit.calendar_year and lgit.calendar_day but the loader''s (lgit.load_calendar_days) and the extension scripts''.';
CREATE TRIGGER calendar_year_guard
  BEFORE INSERT OR UPDATE OR DELETE ON lgit.calendar_year
  FOR EACH ROW EXECUTE FUNCTION lgit.calendar_guard();
CREATE TRIGGER calendar_year_guard_truncate
  BEFORE TRUNCATE ON lgit.calendar_year
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.calendar_guard();
CREATE TRIGGER calendar_day_guard
  BEFORE INSERT OR UPDATE OR DELETE ON lgit.calendar_day
  FOR EACH ROW EXECUTE FUNCTION lgit.calendar_guard();
CREATE TRIGGER calendar_day_guard_truncate
  BEFORE TRUNCATE ON lgit.calendar_day
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.calendar_guard();
COMMENT ON TRIGGER calendar_year_guard ON lgit.calendar_year IS
  'A year is loaded whole by lgit.load_calendar_days() and immutable afterwards (LG002).';
COMMENT ON TRIGGER calendar_year_guard_truncate ON lgit.calendar_year IS
  'A year is loaded whole by lgit.load_calendar_days() and immutable afterwards (LG002).';
COMMENT ON TRIGGER calendar_day_guard ON lgit.calendar_day IS
  'A year is loaded whole by lgit.load_calendar_days() and immutable afterwards (LG002).';
COMMENT ON TRIGGER calendar_day_guard_truncate ON lgit.calendar_day IS
  'A year is loaded whole by lgit.load_calendar_days() and immutable afterwards (LG002).';

-- STABLE, not IMMUTABLE: the answers come from lgit.calendar_day, which the authority changes
-- each year, so they must not be folded into plans, indexes or generated columns.  STABLE is
-- exact: within one statement the calendar is read with the statement's snapshot.
CREATE FUNCTION lgit.is_workday(day date) RETURNS boolean
  LANGUAGE c STABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'lgit_is_workday';
COMMENT ON FUNCTION lgit.is_workday(date) IS
  'True when day is a working day (工作日, SPEC §5): Monday–Friday unless a listed holiday, Saturday or Sunday only if a listed adjusted working day (调休上班). An error for a day in a year not in lgit.calendar_year. STABLE, not IMMUTABLE: the calendar changes when a notice is loaded.';

CREATE FUNCTION lgit.add_workdays(day date, n int) RETURNS date
  LANGUAGE c STABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'lgit_add_workdays';
COMMENT ON FUNCTION lgit.add_workdays(date, int) IS
  'The n-th working day after day for n > 0 (day itself never counts), day for n = 0, the n-th working day before day for n < 0 (SPEC §5). "Within N working days of X" means on or before add_workdays(X, N). An error when day or any day counted lies in a year not in lgit.calendar_year. STABLE, not IMMUTABLE: the calendar changes when a notice is loaded.';

CREATE FUNCTION lgit.workdays_between(from_day date, to_day date) RETURNS int
  LANGUAGE c STABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'lgit_workdays_between';
COMMENT ON FUNCTION lgit.workdays_between(date, date) IS
  'The number of working days in (from_day, to_day], negative when to_day < from_day (SPEC §5); workdays_between(a, add_workdays(a, n)) = n for n >= 0. An error when any day counted lies in a year not in lgit.calendar_year. STABLE, not IMMUTABLE: the calendar changes when a notice is loaded.';

-- Reports must not stop at a year boundary: they count with these, which answer as the
-- three above wherever every year touched is loaded and count a year not loaded Monday–Friday.
-- A report marks every such row provisional (lgit.calendar_covers); the three above never guess.
CREATE FUNCTION lgit.add_workdays_provisional(day date, n int) RETURNS date
  LANGUAGE c STABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'lgit_add_workdays_provisional';
COMMENT ON FUNCTION lgit.add_workdays_provisional(date, int) IS
  'lgit.add_workdays(day, n) where every year counted is loaded; a year not loaded is counted Monday–Friday only (provisional: check with lgit.calendar_covers(day, result)). NULL for an infinite day. For reports, never for a gate''s decision.';

CREATE FUNCTION lgit.workdays_between_provisional(from_day date, to_day date) RETURNS int
  LANGUAGE c STABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'lgit_workdays_between_provisional_sql';
COMMENT ON FUNCTION lgit.workdays_between_provisional(date, date) IS
  'lgit.workdays_between(from_day, to_day) where every year counted is loaded; a year not loaded is counted Monday–Friday only (provisional: check with lgit.calendar_covers). NULL for an infinite day.';

CREATE FUNCTION lgit.calendar_covers(from_day date, to_day date) RETURNS boolean
  LANGUAGE c STABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'lgit_calendar_covers_sql';
COMMENT ON FUNCTION lgit.calendar_covers(date, date) IS
  'True when the calendar of every year from from_day''s to to_day''s (either order) is loaded, so that a count between them is exact; false otherwise (and for an infinite day).';

-- The warning before the cliff: calendar_warning_days (lgit.policy) before the last loaded day.
INSERT INTO lgit.policy_key (key, unit, article, description) VALUES
('calendar_warning_days', 'days', '—', '工作日日历到期预警: lgit warns this many days before the last loaded year of the working-day calendar ends (lgit.calendar_status, lgit.overdue_on)');
INSERT INTO lgit.policy (key, value, in_force, note)
VALUES ('calendar_warning_days', 30, daterange('2020-01-01', NULL), 'lgit: the State Council publishes the next year''s notice in the last weeks of the year');

CREATE FUNCTION lgit.calendar_warning(as_of date) RETURNS boolean
  LANGUAGE c STABLE STRICT AS 'MODULE_PATHNAME', 'lgit_calendar_warning';
COMMENT ON FUNCTION lgit.calendar_warning(date) IS
  'Raises a WARNING (LG009) when as_of lies in a year not loaded, or within calendar_warning_days of the last loaded day; always returns true, so that a report calls it once as a constant filter.';

CREATE FUNCTION lgit.calendar_status_on(as_of date)
RETURNS TABLE (loaded_years int[], last_loaded_day date, days_left int, warning_days int,
               in_warning_window boolean, as_of_year_loaded boolean, as_of date)
LANGUAGE sql STABLE
AS $$
  SELECT y.years, y.last_day, y.last_day - as_of, w.days::int,
         y.last_day IS NULL OR y.last_day - as_of <= w.days,
         coalesce(extract(year FROM as_of)::int = ANY (y.years), false), as_of
  FROM (SELECT array_agg(year ORDER BY year) AS years, make_date(max(year), 12, 31) AS last_day
        FROM lgit.calendar_year) y
  CROSS JOIN (SELECT lgit.policy_in_force('calendar_warning_days', as_of) AS days) w
$$;
COMMENT ON FUNCTION lgit.calendar_status_on(date) IS
  'The working-day calendar as of as_of: the loaded years, the last loaded day, the days left until it (negative once past), the warning window (policy calendar_warning_days), whether as_of is inside it (true also when nothing is loaded or as_of is past the end), and whether as_of''s own year is loaded.';

CREATE VIEW lgit.calendar_status AS
SELECT * FROM lgit.calendar_status_on((now() AT TIME ZONE 'Asia/Shanghai')::date);
COMMENT ON VIEW lgit.calendar_status IS
  'lgit.calendar_status_on() for today in Shenzhen: which years are loaded, when the calendar ends, and whether lgit is inside the warning window before it ends (then lgit.overdue warns; load the next notice with lgit.load_calendar_year()).';
COMMENT ON COLUMN lgit.calendar_status.loaded_years IS 'Years whose State Council notice is loaded.';
COMMENT ON COLUMN lgit.calendar_status.last_loaded_day IS '31 December of the last loaded year: deadlines after it are provisional until the next notice is loaded.';
COMMENT ON COLUMN lgit.calendar_status.days_left IS 'Calendar days from today to last_loaded_day; negative once past it.';
COMMENT ON COLUMN lgit.calendar_status.warning_days IS 'Policy calendar_warning_days in force today.';
COMMENT ON COLUMN lgit.calendar_status.in_warning_window IS 'True from warning_days before last_loaded_day on (and after it): load the next year''s notice.';
COMMENT ON COLUMN lgit.calendar_status.as_of_year_loaded IS 'Whether today''s own year is loaded.';
COMMENT ON COLUMN lgit.calendar_status.as_of IS 'The day the status is computed for (today in Shenzhen).';

-- Loading a year: the one command of the authority (or the extension's owner) when the State
-- Council's notice is published.  The C function checks the whole notice and loads all or nothing.
CREATE FUNCTION lgit.load_calendar_days(year int, notice text, days jsonb) RETURNS int
  LANGUAGE c VOLATILE AS 'MODULE_PATHNAME', 'lgit_load_calendar_days';
COMMENT ON FUNCTION lgit.load_calendar_days(int, text, jsonb) IS
  'Loads the State Council''s notice for year: days is a JSON array of {"date": "YYYY-MM-DD", "isOffDay": true (holiday) | false (adjusted working day), "name": "元旦" (optional)}. Refused whole, with every problem named: a year already loaded (immutable, LG002), a date not in year (a Saturday or Sunday off of the year before, as 2022-12-31 in the 2023 notice, is accepted), a date listed twice, an adjusted working day on Monday–Friday, a weekend holiday outside a run of days off with a weekday, no holiday. Only the authority or the extension''s owner. Returns the number of days loaded.';

CREATE FUNCTION lgit.load_calendar_year(year int, notice text, holidays date[], workdays date[])
RETURNS int
LANGUAGE sql VOLATILE
AS $$
  SELECT lgit.load_calendar_days(year, notice,
    coalesce((SELECT jsonb_agg(jsonb_build_object('date', d, 'isOffDay', true)) FROM unnest(holidays) AS d), '[]')
    || coalesce((SELECT jsonb_agg(jsonb_build_object('date', d, 'isOffDay', false)) FROM unnest(workdays) AS d), '[]'))
$$;
COMMENT ON FUNCTION lgit.load_calendar_year(int, text, date[], date[]) IS
  'The authority loads a year: lgit.load_calendar_year(2027, ''国办发明电〔2026〕N号'', holidays => ARRAY[every day off (放假), weekend days of a run included], workdays => ARRAY[every Saturday or Sunday worked (调休上班)]). Checked as lgit.load_calendar_days(); the year is immutable afterwards.';

CREATE FUNCTION lgit.load_calendar_json(document jsonb, notice text DEFAULT NULL) RETURNS int
LANGUAGE sql VOLATILE
AS $$
  SELECT lgit.load_calendar_days(
    CASE WHEN jsonb_typeof(document -> 'year') IN ('number', 'string') AND (document ->> 'year') ~ '^[0-9]{4}$'
         THEN (document ->> 'year')::int END,
    coalesce(notice, document ->> 'notice'),
    CASE WHEN jsonb_typeof(document -> 'days') = 'array' THEN document -> 'days'
         WHEN jsonb_typeof(document -> 'holidays') = 'array' THEN
           (SELECT coalesce(jsonb_agg(CASE jsonb_typeof(e) WHEN 'object' THEN e || jsonb_build_object('isOffDay', true)
                                                  ELSE jsonb_build_object('date', e, 'isOffDay', true) END), '[]')
            FROM jsonb_array_elements(document -> 'holidays') AS e)
           || (SELECT coalesce(jsonb_agg(CASE jsonb_typeof(e) WHEN 'object' THEN e || jsonb_build_object('isOffDay', false)
                                                     ELSE jsonb_build_object('date', e, 'isOffDay', false) END), '[]')
               FROM jsonb_array_elements(CASE jsonb_typeof(document -> 'workdays') WHEN 'array'
                                              THEN document -> 'workdays' ELSE '[]' END) AS e)
    END)
$$;
COMMENT ON FUNCTION lgit.load_calendar_json(jsonb, text) IS
  'The authority loads a year from a JSON notice, in either common form: {"year": 2027, "notice": "国办发明电〔2026〕N号", "holidays": ["2027-01-01", …], "workdays": ["2027-02-07", …]} (elements may also be {"date": …, "name": …}), or the per-day list published by holiday-cn and others, {"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}, …]}. notice, when given, names the notice (that per-day list does not). Checked as lgit.load_calendar_days().';
