-- PostgreSQL's copy of the benchmark's data (bench/program.sh): tables of
-- the store's names and column types, holding the columns the rules read
-- (the CSV export DuckDB reads too), loaded with COPY, then the store's
-- indexes on those columns and fresh statistics. Narrower rows than the
-- store's own tables: if anything, an advantage to PostgreSQL.
-- tests/reference/rules.sql runs on them unchanged.
CREATE TABLE person (id BIGINT PRIMARY KEY, birth_date TEXT, death_date TEXT, nationality TEXT,
	reg_status TEXT, area TEXT, household_id BIGINT, merged_into BIGINT);
CREATE TABLE household (id BIGINT PRIMARY KEY, monthly_income BIGINT);
CREATE TABLE person_need (person_id BIGINT, kind TEXT, observed_on TEXT, ended_on TEXT,
	card_no TEXT, card_expires TEXT);
CREATE TABLE enrolment (id BIGINT PRIMARY KEY, program_id BIGINT, person_id BIGINT, office TEXT,
	status TEXT, applied_on TEXT, active_from TEXT, paid_through TEXT);
CREATE TABLE program (id BIGINT PRIMARY KEY, code TEXT UNIQUE);
CREATE TABLE outreach_case (person_id BIGINT, program_id BIGINT, area TEXT, status TEXT,
	outcome TEXT);
\copy person FROM '@DIR@/person.csv' WITH (FORMAT csv, HEADER true)
\copy household FROM '@DIR@/household.csv' WITH (FORMAT csv, HEADER true)
\copy person_need FROM '@DIR@/person_need.csv' WITH (FORMAT csv, HEADER true)
\copy enrolment FROM '@DIR@/enrolment.csv' WITH (FORMAT csv, HEADER true)
\copy program FROM '@DIR@/program.csv' WITH (FORMAT csv, HEADER true)
\copy outreach_case FROM '@DIR@/outreach_case.csv' WITH (FORMAT csv, HEADER true)
CREATE INDEX person_household ON person(household_id);
CREATE INDEX person_area ON person(area);
CREATE INDEX need_person ON person_need(person_id, kind);
CREATE INDEX enrolment_person ON enrolment(person_id, program_id, status);
CREATE INDEX enrolment_office ON enrolment(office, program_id, status, person_id);
VACUUM ANALYZE;
