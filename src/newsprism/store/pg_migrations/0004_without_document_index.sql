-- The PostgreSQL twin of migrations/0004_without_document_index.sql.
CREATE INDEX IF NOT EXISTS analyses_without_document ON analyses(article_id)
    WHERE document_embedding IS NULL AND article_embedding IS NOT NULL;
