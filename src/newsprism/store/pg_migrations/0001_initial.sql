-- Articles, their analyses, stories and copies: the PostgreSQL twin of migrations/0001_initial.sql.
-- Ids use the "C" collation so that the primary key index also serves id-prefix lookups (LIKE 'abc%').
-- `seq` gives the ingestion order that SQLite's rowid gives.
CREATE TABLE articles (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id          TEXT COLLATE "C" PRIMARY KEY,
    source      TEXT NOT NULL,
    outlet      TEXT,
    title       TEXT,
    url         TEXT,
    published   TEXT,
    language    TEXT,
    words       INTEGER NOT NULL DEFAULT 0,
    text        TEXT NOT NULL,
    revision_of TEXT COLLATE "C" REFERENCES articles(id),
    ingested_at TEXT NOT NULL,
    meta        JSON NOT NULL DEFAULT '{}'
);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE analyses (
    article_id          TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    data                JSON NOT NULL,
    dim                 INTEGER,
    sentence_embeddings BYTEA,
    article_embedding   BYTEA,
    lead_embedding      BYTEA,
    analyzed_at         TEXT NOT NULL
);

CREATE TABLE stories (
    id         TEXT COLLATE "C" PRIMARY KEY,
    title      TEXT,
    successor  TEXT COLLATE "C" REFERENCES stories(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE story_articles (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id   TEXT COLLATE "C" NOT NULL REFERENCES stories(id)
);
CREATE INDEX story_articles_story ON story_articles(story_id);

CREATE TABLE copies (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    copy_of    TEXT COLLATE "C" NOT NULL REFERENCES articles(id),
    reuse      DOUBLE PRECISION NOT NULL
);
