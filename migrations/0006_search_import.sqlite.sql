-- Name search in Thai order without sorting every match (SQLite), and bulk
-- imports (docs/decisions.md, "ordered name search" and "bulk imports").
--
-- person_search is a contentless FTS5 trigram index whose rowid is a
-- person's position in Thai order: (bucket << 32) | id. Buckets are ranges of
-- the order, drawn every bucket_size people by store/person.c
-- (person_search_rebalance) and recorded by their first key in name_bucket;
-- th_sort_key(given, family) is the binary ICU sort key of a name (the
-- SQLite driver registers it). A search reads matches in rowid order, so the
-- first page is found in the first buckets that hold matches; only within a
-- bucket are matches sorted. Buckets never change between rebalances, so a
-- person's position can be recomputed to delete their entry.
--
-- Each person has one entry (merged records none): the name key behind '^^'
-- (three-letter pieces of it match substrings; '^^x' and '^xy' match a name
-- starting with x or xy) and one single-trigram token per level of their
-- area, made of Private Use characters no name contains: nation, province,
-- district, tambon and village (store/person.c builds the same tokens for a
-- query's scope).
DROP TRIGGER person_fts_ins;
DROP TRIGGER person_fts_del;
DROP TRIGGER person_fts_upd;
DROP TABLE person_fts;
-- The Thai-collated indexes called ICU for every comparison; the search
-- index above orders by position instead.
DROP INDEX person_thai_name;
DROP INDEX person_prov_name;

CREATE TABLE search_state (
	id BIGINT PRIMARY KEY CHECK (id = 1),
	bulk BIGINT NOT NULL DEFAULT 0,              -- 1 inside a bulk load: the loader adds entries
	bucket_size BIGINT NOT NULL DEFAULT 64,
	balanced_people BIGINT NOT NULL DEFAULT 0,   -- people indexed when buckets were last drawn
	collator TEXT NOT NULL DEFAULT ''            -- ICU's collation version then (thtext)
);
INSERT INTO search_state (id) VALUES (1);

CREATE TABLE name_bucket (
	lo BLOB NOT NULL,                            -- th_sort_key of the bucket's first person
	lo_id BIGINT NOT NULL,                       -- and their id (people may share a name)
	bucket BIGINT NOT NULL,
	PRIMARY KEY (lo, lo_id)
) WITHOUT ROWID;
INSERT INTO name_bucket (lo, lo_id, bucket) VALUES (X'', 0, 0);

CREATE VIEW person_search_doc AS
SELECT p.id, p.merged_into, th_sort_key(p.given_name, p.family_name) AS k,
	(COALESCE((SELECT b.bucket FROM name_bucket b
		   WHERE (b.lo, b.lo_id) <= (th_sort_key(p.given_name, p.family_name), p.id)
		   ORDER BY b.lo DESC, b.lo_id DESC LIMIT 1), 0) << 32) | p.id AS pos,
	'^^' || p.name_key AS name,
	char(983040, 983040, 983040) AS n,
	char(983041, 983056, 983056 + substr(p.area, 1, 2)) AS p,
	char(983042, 983056 + substr(p.area, 1, 2), 983056 + substr(p.area, 3, 2)) AS d,
	char(983043, 983056 + substr(p.area, 1, 2), 983056 + substr(p.area, 3, 4)) AS t,
	CASE WHEN length(p.area) = 8
	     THEN char(983044, 983056 + substr(p.area, 1, 4), 983056 + substr(p.area, 5, 4)) END AS v
FROM person p;

CREATE VIRTUAL TABLE person_search USING fts5(name, n, p, d, t, v, content='',
	tokenize='trigram', detail='none', columnsize=0);
INSERT INTO person_search (rowid, name, n, p, d, t, v)
	SELECT pos, name, n, p, d, t, v FROM person_search_doc WHERE merged_into IS NULL ORDER BY pos;

CREATE TRIGGER person_search_ins AFTER INSERT ON person
WHEN new.merged_into IS NULL AND (SELECT bulk FROM search_state) = 0
BEGIN
	INSERT INTO person_search (rowid, name, n, p, d, t, v)
		SELECT pos, name, n, p, d, t, v FROM person_search_doc WHERE id = new.id;
END;
CREATE TRIGGER person_search_del BEFORE DELETE ON person WHEN old.merged_into IS NULL
BEGIN
	INSERT INTO person_search (person_search, rowid, name, n, p, d, t, v)
		SELECT 'delete', pos, name, n, p, d, t, v FROM person_search_doc WHERE id = old.id;
END;
CREATE TRIGGER person_search_upd_old
BEFORE UPDATE OF given_name, family_name, name_key, area, merged_into ON person
WHEN old.merged_into IS NULL
BEGIN
	INSERT INTO person_search (person_search, rowid, name, n, p, d, t, v)
		SELECT 'delete', pos, name, n, p, d, t, v FROM person_search_doc WHERE id = old.id;
END;
CREATE TRIGGER person_search_upd_new
AFTER UPDATE OF given_name, family_name, name_key, area, merged_into ON person
WHEN new.merged_into IS NULL
BEGIN
	INSERT INTO person_search (rowid, name, n, p, d, t, v)
		SELECT pos, name, n, p, d, t, v FROM person_search_doc WHERE id = new.id;
END;

-- A person's history names the import row that created them (app/person.c).
CREATE INDEX import_row_person ON import_row(person_id) WHERE person_id IS NOT NULL;
