-- The document embedding (title and text read as one passage): the PostgreSQL twin of
-- migrations/0003_document_embedding.sql.
ALTER TABLE analyses ADD COLUMN document_embedding BYTEA;
CREATE INDEX analyses_without_document ON analyses(article_id)
    WHERE document_embedding IS NULL AND article_embedding IS NOT NULL;
