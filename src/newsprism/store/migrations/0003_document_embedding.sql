-- The document embedding (title and text read as one passage). Analyses stored before it have none until the
-- backfill of 0004 reaches them; the story stage reads their article embedding in its place meanwhile.
ALTER TABLE analyses ADD COLUMN document_embedding BLOB;
