-- The document embedding (title and text read as one passage). Analyses stored before it have none; the story
-- stage then reads their article embedding in its place.
ALTER TABLE analyses ADD COLUMN document_embedding BLOB;
