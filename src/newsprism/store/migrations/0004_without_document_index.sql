-- The analyses stored before document embeddings, found without reading every row:
-- `pipeline.backfill_document_embeddings` gives each one its vector on the next ingest, regroup or batch.
CREATE INDEX IF NOT EXISTS analyses_without_document ON analyses(article_id)
    WHERE document_embedding IS NULL AND article_embedding IS NOT NULL;
