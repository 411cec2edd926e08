-- The SQLite variant of this version orders its name search index by Thai
-- order (see 0006_search_import.sqlite.sql); PostgreSQL keeps its pg_trgm
-- index and Thai-collated indexes (0002, 0003).
--
-- A person's history names the import row that created them (app/person.c).
CREATE INDEX import_row_person ON import_row(person_id) WHERE person_id IS NOT NULL;
