-- What schema/95_security.sql gives lgit.assessment_target_guard() (schema/88_assessment.sql,
-- run by its link 81_2_assessment.sql) at install: nobody calls a trigger function directly.
REVOKE ALL ON FUNCTION lgit.assessment_target_guard() FROM PUBLIC;
