-- Full-text search over title and text ('simple' configuration: lower-cased words, no stemming, any language).
ALTER TABLE articles ADD COLUMN search TSVECTOR
    GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED;
CREATE INDEX articles_search ON articles USING GIN (search);
