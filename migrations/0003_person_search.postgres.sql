-- Substring search of Thai names on PostgreSQL: a trigram GIN index over the
-- name key (pg_trgm is a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX person_name_trgm ON person USING gin (name_key gin_trgm_ops);
