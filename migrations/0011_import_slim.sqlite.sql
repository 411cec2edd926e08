-- A smaller register to write (docs/decisions.md 49).
--
-- Matching by name and birth date and the duplicate review look people up
-- by birth date first: one index on (birth date, name key) serves both,
-- where a name key index and a (birth date, given name) index each cost a
-- bulk load a second per million people and the database 40 bytes a person.
DROP INDEX person_name_key;
DROP INDEX person_birth;
CREATE INDEX person_birth_name ON person(birth_date, name_key);

-- Staged rows are keyed by (batch, row): without a rowid the key is the
-- table itself, and the second B-tree that kept it unique is gone.
CREATE TABLE import_row_k (
	batch_id BIGINT NOT NULL REFERENCES import_batch(id),
	row_no BIGINT NOT NULL,
	outcome TEXT NOT NULL,                       -- error, new, update, same
	person_id BIGINT,
	data TEXT NOT NULL,                          -- the row: {"cells":[...],"changed":[...]}
	errors TEXT,                                 -- JSON list of {column, message_th, message_en}
	PRIMARY KEY (batch_id, row_no)
) WITHOUT ROWID;
INSERT INTO import_row_k (batch_id, row_no, outcome, person_id, data, errors)
	SELECT batch_id, row_no, outcome, person_id, data, errors FROM import_row;
DROP TABLE import_row;
ALTER TABLE import_row_k RENAME TO import_row;
CREATE INDEX import_row_outcome ON import_row(batch_id, outcome, row_no);
CREATE INDEX import_row_person ON import_row(person_id) WHERE person_id IS NOT NULL;
