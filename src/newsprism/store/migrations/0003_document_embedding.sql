-- The document embedding (title and text read as one passage). Analyses stored before it have none until
-- `pipeline.backfill_document_embeddings` gives them one; the partial index finds those without reading every row.
ALTER TABLE analyses ADD COLUMN document_embedding BLOB;
CREATE INDEX analyses_without_document ON analyses(article_id)
    WHERE document_embedding IS NULL AND article_embedding IS NOT NULL;
