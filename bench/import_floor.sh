#!/usr/bin/env bash
# The floor under a bulk import into SQLite: how fast SQLite itself can
# write a register's people, on this machine, with nothing of Sawat's in the
# way. bench/import_floor.sh REGISTER.db (a register an import made: its
# people and needs are the rows) copies the rows into memory, then times,
# in one transaction of a fresh database with every safety a real load
# keeps turned off (no journal, no fsync, no foreign keys, no CHECK, an
# exclusive lock, a 1 GiB cache): the person rows, the needs, and building
# each index and the name search index the register has (the national ID
# unique index, the area roll-up index, households, birth date and name,
# the needs' two, the FTS5 trigram index with its area tokens). No file is
# parsed, nothing is matched, no staged row or audit entry is written, and
# every index is built from sorted keys after the rows: a load can only be
# slower. Prints a Markdown table and the rows per second the floor allows.
set -eu
src=$(realpath "$1")
dir=$(mktemp -d /tmp/sawat-bench-floor.XXXXXX)
trap 'rm -rf "$dir"' EXIT
people=$(sqlite3 "$src" "SELECT count(*) FROM person")
cat >"$dir/floor.sql" <<SQL
PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576;
PRAGMA temp_store=MEMORY; PRAGMA locking_mode=EXCLUSIVE;
ATTACH '$src' AS src;
CREATE TEMP TABLE p AS SELECT * FROM src.person;
CREATE TEMP TABLE nd AS SELECT * FROM src.person_need;
DETACH src;
CREATE TABLE person (id INTEGER PRIMARY KEY, national_id TEXT, id_category BIGINT,
	title TEXT NOT NULL DEFAULT '', given_name TEXT NOT NULL, family_name TEXT NOT NULL DEFAULT '',
	given_name_latin TEXT NOT NULL DEFAULT '', family_name_latin TEXT NOT NULL DEFAULT '',
	name_key TEXT NOT NULL, sex TEXT NOT NULL, birth_date TEXT, death_date TEXT,
	nationality TEXT NOT NULL DEFAULT '', reg_status TEXT NOT NULL, area TEXT NOT NULL,
	province TEXT NOT NULL, house_no TEXT NOT NULL DEFAULT '', cur_area TEXT,
	cur_house_no TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '', household_id BIGINT,
	relation TEXT NOT NULL DEFAULT '', retention_until TEXT, erased_at TEXT, merged_into BIGINT,
	created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE person_need (id INTEGER PRIMARY KEY, person_id BIGINT NOT NULL, area TEXT NOT NULL,
	kind TEXT NOT NULL, sensitive BIGINT NOT NULL, observed_on TEXT NOT NULL, ended_on TEXT,
	source TEXT NOT NULL, disability_type TEXT, card_no TEXT, card_issued TEXT,
	card_expires TEXT, note TEXT, recorded_by TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE VIRTUAL TABLE person_search USING fts5(name, n, p, d, t, v, content='',
	tokenize='trigram', detail='none', columnsize=0);
.timer on
BEGIN;
SELECT 'person rows';
INSERT INTO person SELECT * FROM temp.p WHERE id > 0;
SELECT 'needs';
INSERT INTO person_need SELECT * FROM temp.nd WHERE id > 0;
SELECT 'national ID (unique)';
CREATE UNIQUE INDEX person_national_id ON person(national_id);
SELECT 'area roll-up index';
CREATE INDEX person_area ON person(area, sex, birth_date, death_date, merged_into, id);
SELECT 'households';
CREATE INDEX person_household ON person(household_id);
SELECT 'birth date and name';
CREATE INDEX person_birth_name ON person(birth_date, name_key);
SELECT 'needs indexes';
CREATE INDEX need_person ON person_need(person_id, kind);
CREATE INDEX need_area_kind ON person_need(area, kind, observed_on, ended_on, person_id);
SELECT 'name search (FTS5 trigrams)';
INSERT INTO person_search (rowid, name, n, p, d, t, v)
	SELECT id, '^^' || name_key, char(983040, 983040, 983040),
	char(983041, 983056, 983056 + substr(area, 1, 2)),
	char(983042, 983056 + substr(area, 1, 2), 983056 + substr(area, 3, 2)),
	char(983043, 983056 + substr(area, 1, 2), 983056 + substr(area, 3, 4)),
	CASE WHEN length(area) = 8
	     THEN char(983044, 983056 + substr(area, 1, 4), 983056 + substr(area, 5, 4)) END
	FROM person ORDER BY id;
SELECT 'commit';
COMMIT;
SQL
(cd "$dir" && sqlite3 floor.db <floor.sql) >"$dir/out" 2>&1
# Each step's label, then the "Run Time" lines of its statements (a label's
# own SELECT is one of them, and costs nothing).
awk -v n="$people" '
	/^Run Time:/ { if (step != "") { t[step] += $4; u[step] += $6 + $8 } next }
	/^(off|exclusive)$/ { next }
	{ step = $0; order[++k] = step }
	END {
		printf "%d people (the rows of the register the import made), in one transaction, ", n
		printf "nothing else running in the process:\n\n"
		printf "| step | seconds | CPU seconds |\n|---|---:|---:|\n"
		for (i = 1; i <= k; i++) {
			printf "| %s | %.2f | %.2f |\n", order[i], t[order[i]], u[order[i]]
			all += t[order[i]]; cpu += u[order[i]]
		}
		printf "| all | %.2f | %.2f |\n", all, cpu
		printf "\nFloor: %.0f rows/s (%.1f µs a person). ", n / all, all * 1e6 / n
		printf "The target, 200,000 rows/s, leaves %.1f s for these people.\n", n / 200000
	}' "$dir/out"
