-- A smaller register to write (docs/decisions.md 49): one index on
-- (birth date, name key) serves matching by name and birth date and the
-- duplicate review, in place of two.
DROP INDEX person_name_key;
DROP INDEX person_birth;
CREATE INDEX person_birth_name ON person(birth_date, name_key);
