-- The document embedding (title and text read as one passage): the PostgreSQL twin of
-- migrations/0003_document_embedding.sql.
ALTER TABLE analyses ADD COLUMN document_embedding BYTEA;
