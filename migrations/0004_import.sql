-- Staged imports: the report names the columns a file had that matched
-- nothing and the encoding it came in; rows are listed by outcome (errors
-- first) through an index.
ALTER TABLE import_batch ADD COLUMN unknown_columns TEXT NOT NULL DEFAULT '[]';
ALTER TABLE import_batch ADD COLUMN encoding TEXT NOT NULL DEFAULT 'utf-8';
CREATE INDEX import_row_outcome ON import_row(batch_id, outcome, row_no);
CREATE INDEX import_batch_area ON import_batch(area, id);
