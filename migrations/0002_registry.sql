-- The social registry: people, households, needs, consent, imports and
-- duplicate review. Every row that belongs somewhere carries its area code and
-- its province (the first two digits), the key a distributed PostgreSQL would
-- shard by.

CREATE TABLE household (
	id @ID@,
	area TEXT NOT NULL REFERENCES area(code),    -- tambon or village of the house
	province TEXT NOT NULL,
	house_no TEXT NOT NULL DEFAULT '',
	monthly_income BIGINT,                       -- satang; NULL when unknown
	head_person_id BIGINT,                       -- kept consistent by app/household
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX household_area ON household(area, id);

CREATE TABLE person (
	id @ID@,
	national_id TEXT UNIQUE,                     -- 13 digits; NULL when the person has none
	id_category BIGINT,                          -- its first digit; NULL without an ID
	title TEXT NOT NULL DEFAULT '',
	given_name TEXT NOT NULL,
	family_name TEXT NOT NULL DEFAULT '',
	given_name_latin TEXT NOT NULL DEFAULT '',
	family_name_latin TEXT NOT NULL DEFAULT '',
	name_key TEXT NOT NULL,                      -- core/thtext name key of given + family
	sex TEXT NOT NULL CHECK (sex IN ('M', 'F', 'U')),
	birth_date TEXT,                             -- ISO; NULL when unknown
	death_date TEXT,
	nationality TEXT NOT NULL DEFAULT '',        -- ISO 3166 alpha-2, XX stateless, '' unknown
	reg_status TEXT NOT NULL,
	area TEXT NOT NULL REFERENCES area(code),    -- house registration: tambon or village
	province TEXT NOT NULL,
	house_no TEXT NOT NULL DEFAULT '',
	cur_area TEXT REFERENCES area(code),         -- current address when different
	cur_house_no TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	household_id BIGINT REFERENCES household(id),
	relation TEXT NOT NULL DEFAULT '',           -- to the household head
	retention_until TEXT,                        -- PDPA: keep until (ISO), NULL = while active
	erased_at TEXT,                              -- when identifying data was erased (retention)
	merged_into BIGINT REFERENCES person(id),    -- a duplicate merged into another record
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
-- Covering the area roll-ups (area prefix range, then the columns counted).
CREATE INDEX person_area ON person(area, sex, birth_date, death_date, merged_into, id);
CREATE INDEX person_birth ON person(birth_date, given_name);
CREATE INDEX person_household ON person(household_id);
CREATE INDEX person_name_key ON person(name_key);
-- Thai dictionary order, nationally and per province: searches that match
-- many people walk these in order and stop at the page's end instead of
-- sorting every match.
CREATE INDEX person_thai_name ON person(given_name COLLATE "th-TH-x-icu",
	family_name COLLATE "th-TH-x-icu", id);
CREATE INDEX person_prov_name ON person(province, given_name COLLATE "th-TH-x-icu",
	family_name COLLATE "th-TH-x-icu", id);

-- Needs and vulnerabilities: dated observations with their source.
CREATE TABLE person_need (
	id @ID@,
	person_id BIGINT NOT NULL REFERENCES person(id),
	area TEXT NOT NULL,                          -- the person's area when recorded (kept in step)
	kind TEXT NOT NULL,
	sensitive BIGINT NOT NULL,
	observed_on TEXT NOT NULL,
	ended_on TEXT,
	source TEXT NOT NULL,
	disability_type TEXT,
	card_no TEXT,
	card_issued TEXT,
	card_expires TEXT,
	note TEXT,
	recorded_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX need_person ON person_need(person_id, kind);
CREATE INDEX need_area_kind ON person_need(area, kind, observed_on, ended_on, person_id);

-- PDPA: the legal basis and purpose of holding each person's data.
CREATE TABLE consent (
	id @ID@,
	person_id BIGINT NOT NULL REFERENCES person(id),
	purpose TEXT NOT NULL,                       -- e.g. 'welfare_registry', 'fund_membership'
	basis TEXT NOT NULL,                         -- consent, public_task, legal_obligation, vital_interest
	given_on TEXT NOT NULL,
	withdrawn_on TEXT,
	recorded_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX consent_person ON consent(person_id);

-- Staged imports: rows are validated and reported before anything is committed.
CREATE TABLE import_batch (
	id @ID@,
	kind TEXT NOT NULL,                          -- 'persons'
	file_name TEXT NOT NULL,
	file_hash TEXT NOT NULL,                     -- BLAKE2b of the file's bytes
	policy TEXT NOT NULL,                        -- matching: 'national_id', 'name_birth_area'
	status TEXT NOT NULL,                        -- staged, committed, discarded
	area TEXT NOT NULL,                          -- the importer's scope
	rows_total BIGINT NOT NULL DEFAULT 0,
	rows_error BIGINT NOT NULL DEFAULT 0,
	rows_new BIGINT NOT NULL DEFAULT 0,
	rows_update BIGINT NOT NULL DEFAULT 0,
	rows_same BIGINT NOT NULL DEFAULT 0,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	committed_at TEXT
);

CREATE TABLE import_row (
	batch_id BIGINT NOT NULL REFERENCES import_batch(id),
	row_no BIGINT NOT NULL,
	outcome TEXT NOT NULL,                       -- error, new, update, same
	person_id BIGINT,
	data TEXT NOT NULL,                          -- the row as JSON
	errors TEXT,                                 -- JSON list of {column, message_th, message_en}
	PRIMARY KEY (batch_id, row_no)
);

-- Candidate duplicate people for review.
CREATE TABLE duplicate_candidate (
	id @ID@,
	person_a BIGINT NOT NULL REFERENCES person(id),
	person_b BIGINT NOT NULL REFERENCES person(id),
	reason TEXT NOT NULL,                        -- same_id, same_name_birth, similar_name_birth
	score BIGINT NOT NULL,
	area TEXT NOT NULL,
	status TEXT NOT NULL,                        -- open, merged, dismissed
	decided_by TEXT,
	decided_at TEXT,
	created_at TEXT NOT NULL,
	UNIQUE (person_a, person_b)
);
CREATE INDEX duplicate_open ON duplicate_candidate(status, area, id);
