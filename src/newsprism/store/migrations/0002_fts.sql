-- Full-text search over title and text: an external-content FTS5 index kept in step by triggers.
-- No diacritic folding and no stemming, to match PostgreSQL's 'simple' configuration.
-- (Each trigger stays on one line: migrations are split into statements at ";" + newline.)
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0'
);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END;
