-- Loading a year of the working-day calendar: one command of the authority when the
-- State Council's notice (国务院办公厅关于YYYY年部分节假日安排的通知) is published.  The whole
-- notice is checked and loaded, or nothing is, with every problem named; the notice's number
-- and who loaded it are recorded; the year is immutable afterwards.  Every date below is TEST
-- DATA, not the State Council's arrangement for 2027.
SET datestyle = ISO;
BEGIN;

-- Only the authority (or the extension's owner) loads a year: a unit may not.
SET lgit.actor = 'lc_wang';
SAVEPOINT s;
SELECT lgit.load_calendar_year(2027, 'test', ARRAY['2027-01-01']::date[], NULL);
ROLLBACK TO s;
SET lgit.actor = 'zsj_chen';

-- The notice is named, and its year is a year.
SAVEPOINT s;
SELECT lgit.load_calendar_year(2027, '  ', ARRAY['2027-01-01']::date[], NULL);
ROLLBACK TO s;
SAVEPOINT s;
SELECT lgit.load_calendar_year(NULL, 'test', ARRAY['2027-01-01']::date[], NULL);
ROLLBACK TO s;
SAVEPOINT s;
SELECT lgit.load_calendar_year(20270, 'test', ARRAY['2027-01-01']::date[], NULL);
ROLLBACK TO s;

-- Every problem of the list at once: a date of another year, a date twice, an adjusted working
-- day on a weekday (Tuesday 5 January), a Saturday "holiday" alone (9 January), a missing date.
SAVEPOINT s;
SELECT lgit.load_calendar_year(2027, 'test',
  ARRAY['2027-01-01', '2027-01-01', '2027-01-09', '2028-01-03', '2026-12-30', NULL]::date[],
  ARRAY['2027-01-05', '2027-02-06']::date[]);
ROLLBACK TO s;
-- A notice names its holidays: adjusted working days alone are not one.
SAVEPOINT s;
SELECT lgit.load_calendar_year(2027, 'test', NULL, ARRAY['2027-02-06']::date[]);
ROLLBACK TO s;
-- A day both off and worked is listed twice.
SAVEPOINT s;
SELECT lgit.load_calendar_year(2027, 'test', ARRAY['2027-01-01', '2027-02-06']::date[], ARRAY['2027-02-06']::date[]);
ROLLBACK TO s;

-- The JSON forms, malformed: not a date, no isOffDay, not an object, a name that is not text.
SAVEPOINT s;
SELECT lgit.load_calendar_json('{"year": 2027, "days": [{"date": "2027-02-30", "isOffDay": true},
  {"date": "2027-01-01"}, 5, {"date": "2027-01-01", "isOffDay": true, "name": 3}]}', 'test');
ROLLBACK TO s;
SAVEPOINT s;
SELECT lgit.load_calendar_json('{"year": "next", "days": [{"date": "2027-01-01", "isOffDay": true}]}', 'test');
ROLLBACK TO s;
SAVEPOINT s;
SELECT lgit.load_calendar_json('{"year": 2027, "holidays": ["2027-01-01"]}');
ROLLBACK TO s;
SAVEPOINT s;
SELECT lgit.load_calendar_json('{"year": 2027, "notice": "test", "days": {"2027-01-01": true}}');
ROLLBACK TO s;

-- Nothing was loaded by any of these.
SELECT count(*) AS years_2027 FROM lgit.calendar_year WHERE year = 2027;

-- The {year, notice, holidays, workdays} form; a holiday may carry its name.  A weekend day
-- off is accepted inside a run of days off with a weekday (Friday 1 January to Sunday 3
-- January; Friday 5 to Tuesday 9 February).
SELECT lgit.load_calendar_json($${"year": 2027, "notice": "国办发明电〔2026〕0号 (TEST FIXTURE)",
  "holidays": [{"date": "2027-01-01", "name": "元旦"}, "2027-01-02", "2027-01-03",
               "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09"],
  "workdays": [{"date": "2027-02-20", "name": "春节"}]}$$) AS days_loaded;
SELECT year, source, seeded, loaded_by FROM lgit.calendar_year WHERE year = 2027;
SELECT day, to_char(day, 'Dy') AS dow, kind, name_zh, year, seeded FROM lgit.calendar_day WHERE year = 2027 ORDER BY day;
SELECT lgit.add_workdays('2026-12-31', 1) AS "after 31 Dec 2026",
       lgit.add_workdays('2027-02-04', 1) AS "after 4 Feb 2027",
       lgit.is_workday('2027-02-20') AS "Sat 20 Feb 2027";

-- Loaded, the year is immutable: not loaded again, not changed, for the owner neither.
SAVEPOINT s;
SELECT lgit.load_calendar_json('{"year": 2027, "notice": "a corrected notice", "holidays": ["2027-01-01"]}');
ROLLBACK TO s;
RESET lgit.actor;
SAVEPOINT s;
DELETE FROM lgit.calendar_day WHERE day = '2027-02-20';
ROLLBACK TO s;
SAVEPOINT s;
INSERT INTO lgit.calendar_day (day, kind, name_zh, year) VALUES ('2027-03-01', 'holiday', 'test', 2027);
ROLLBACK TO s;

-- The per-day list as holiday-cn publishes it ({"year", "papers", "days"}), for 2028; the
-- notice's number is given beside it.  2028-01-01 is a Saturday: in a run with Monday 3 January.
SELECT lgit.load_calendar_json('{"year": 2028, "papers": ["https://example.invalid/test"],
  "days": [{"name": "元旦", "date": "2028-01-01", "isOffDay": true},
           {"name": "元旦", "date": "2028-01-02", "isOffDay": true},
           {"name": "元旦", "date": "2028-01-03", "isOffDay": true}]}',
  notice => 'TEST FIXTURE for 2028') AS days_loaded;
SELECT year, source, loaded_by FROM lgit.calendar_year WHERE year >= 2027 ORDER BY year;

ROLLBACK;
SELECT count(*) AS years_after_2026 FROM lgit.calendar_year WHERE year > 2026;
