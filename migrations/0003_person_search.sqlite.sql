-- Substring search of Thai names on SQLite: an FTS5 trigram index over the
-- name key, kept in step with person by triggers.
CREATE VIRTUAL TABLE person_fts USING fts5(name_key, content='person', content_rowid='id',
	tokenize='trigram');
CREATE TRIGGER person_fts_ins AFTER INSERT ON person BEGIN
	INSERT INTO person_fts (rowid, name_key) VALUES (new.id, new.name_key);
END;
CREATE TRIGGER person_fts_del AFTER DELETE ON person BEGIN
	INSERT INTO person_fts (person_fts, rowid, name_key) VALUES ('delete', old.id, old.name_key);
END;
CREATE TRIGGER person_fts_upd AFTER UPDATE OF name_key ON person BEGIN
	INSERT INTO person_fts (person_fts, rowid, name_key) VALUES ('delete', old.id, old.name_key);
	INSERT INTO person_fts (rowid, name_key) VALUES (new.id, new.name_key);
END;
