-- Platform: geography, users, sessions, audit trail.
-- Written once for SQLite and PostgreSQL; @ID@ becomes each engine's
-- auto-numbered primary key (see src/store/migrate.c).

-- The six geographic regions and the 18 provincial clusters group provinces.
CREATE TABLE region (
	code TEXT PRIMARY KEY,          -- 'north', 'northeast', 'central', 'east', 'west', 'south'
	name_th TEXT NOT NULL,
	name_en TEXT NOT NULL,
	sort BIGINT NOT NULL
);

CREATE TABLE province_cluster (
	code TEXT PRIMARY KEY,          -- 'C01'..'C18'
	name_th TEXT NOT NULL,
	name_en TEXT NOT NULL
);

-- Every DOPA area: province (2 digits), district (4), tambon (6), village (8).
-- The nation is the implicit root 'TH'. parent is NULL for provinces.
CREATE TABLE area (
	code TEXT PRIMARY KEY,
	level BIGINT NOT NULL CHECK (level BETWEEN 1 AND 4),
	parent TEXT REFERENCES area(code),
	name_th TEXT NOT NULL,
	name_en TEXT,
	region TEXT REFERENCES region(code),
	cluster TEXT REFERENCES province_cluster(code),
	created_at TEXT NOT NULL
);
CREATE INDEX area_parent ON area(parent, code);

CREATE TABLE app_user (
	id @ID@,
	username TEXT NOT NULL UNIQUE,
	display_name TEXT NOT NULL,
	role TEXT NOT NULL,
	area TEXT NOT NULL,             -- scope: DOPA code prefix, or 'TH' for the nation
	password_hash TEXT NOT NULL,
	disabled BIGINT NOT NULL DEFAULT 0,
	failed_logins BIGINT NOT NULL DEFAULT 0,
	locked_until TEXT,              -- ISO timestamp, UTC
	lang TEXT NOT NULL DEFAULT 'th',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

-- Sessions live in the database so any number of servers can share them.
-- Only a hash of the token is stored.
CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,
	user_id BIGINT NOT NULL REFERENCES app_user(id),
	kind TEXT NOT NULL,             -- 'cookie' or 'bearer'
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
);
CREATE INDEX session_by_user ON session(user_id);

-- The audit trail: one row per write, hash-chained. audit_head holds the
-- last sequence number and hash; updating it serialises appends.
CREATE TABLE audit_log (
	seq BIGINT PRIMARY KEY,
	at TEXT NOT NULL,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	entity TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	area TEXT NOT NULL,
	before_json TEXT,
	after_json TEXT,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_area ON audit_log(area, seq);

CREATE TABLE audit_head (
	id BIGINT PRIMARY KEY CHECK (id = 1),
	seq BIGINT NOT NULL,
	hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
