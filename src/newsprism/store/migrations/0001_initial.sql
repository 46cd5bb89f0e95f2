-- Articles, their analyses, stories and copies.
CREATE TABLE articles (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    outlet      TEXT,
    title       TEXT,
    url         TEXT,
    published   TEXT,
    language    TEXT,
    words       INTEGER NOT NULL DEFAULT 0,
    text        TEXT NOT NULL,
    revision_of TEXT REFERENCES articles(id),
    ingested_at TEXT NOT NULL,
    meta        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE analyses (
    article_id          TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    data                TEXT NOT NULL,
    dim                 INTEGER,
    sentence_embeddings BLOB,
    article_embedding   BLOB,
    lead_embedding      BLOB,
    analyzed_at         TEXT NOT NULL
);

CREATE TABLE stories (
    id         TEXT PRIMARY KEY,
    title      TEXT,
    successor  TEXT REFERENCES stories(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id   TEXT NOT NULL REFERENCES stories(id)
);
CREATE INDEX story_articles_story ON story_articles(story_id);

CREATE TABLE copies (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    copy_of    TEXT NOT NULL REFERENCES articles(id),
    reuse      REAL NOT NULL
);
