-- What schema/95_security.sql gives the objects of schema/58_identity.sql at install: the same privileges,
-- policies and dump marks for a database updated from 0.1.0.
REVOKE ALL ON FUNCTION lgit.identity_guard() FROM PUBLIC;
