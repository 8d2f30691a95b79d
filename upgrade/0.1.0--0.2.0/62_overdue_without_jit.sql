-- lgit.overdue_on() runs without JIT: at 100,000 projects compiling its plan took as long as
-- running it (bench/compliance.bench.sh).  Settings in the order a fresh install has them.
ALTER FUNCTION lgit.overdue_on(date) RESET search_path;
ALTER FUNCTION lgit.overdue_on(date) SET jit = off;
ALTER FUNCTION lgit.overdue_on(date) SET search_path = pg_catalog, pg_temp;
