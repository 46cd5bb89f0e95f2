"""The embedded default store: one SQLite file in WAL mode, schema versioned by numbered migrations."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from importlib import resources

import numpy as np

from ..errors import NotFoundError, StoreError
from ..model import Analysis, Article, Copy, Story
from .base import Store


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("newsprism.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


def _blob(array: np.ndarray | None) -> bytes | None:
    return None if array is None else np.ascontiguousarray(array, dtype=np.float32).tobytes()


def _array(blob: bytes | None, dim: int | None) -> np.ndarray | None:
    if blob is None or not dim:
        return None
    flat = np.frombuffer(blob, dtype=np.float32)
    return flat.reshape(-1, dim) if flat.size > dim else flat


OPEN_PATIENCE = 30.0  # seconds to wait for another process's lock while opening (journal mode, migrations)


def _busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


class SQLiteStore(Store):
    def __init__(self, path: str):
        self.path = path
        # SQLite sometimes answers "database is locked" at once, without its busy handler, while another process
        # sets the file up (two `ingest`s starting together on a new file: the journal-mode switch, WAL recovery),
        # so the whole opening is retried until OPEN_PATIENCE runs out.
        deadline, delay = time.monotonic() + OPEN_PATIENCE, 0.01
        while True:
            try:
                self._open()
                return
            except sqlite3.OperationalError as exc:
                self._close_quietly()
                if not _busy(exc) or time.monotonic() > deadline:
                    raise StoreError(f"{path}: cannot open as a newsprism store ({exc})") from exc
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
            except sqlite3.DatabaseError as exc:
                self._close_quietly()
                raise StoreError(f"{path}: cannot open as a newsprism store ({exc})") from exc

    # --- plumbing -------------------------------------------------------------------------------
    def _open(self) -> None:
        self.db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=30000")
        self._migrate()

    def _close_quietly(self) -> None:
        db = getattr(self, "db", None)
        if db is not None:
            try:
                db.close()
            except sqlite3.Error:
                pass
            self.db = None

    def _migrate(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = self.db.execute("SELECT max(version) FROM schema_version").fetchone()
            current = row[0] or 0
            for version, sql in _migrations():
                if version > current:
                    for statement in sql.split(";\n"):
                        if statement.strip():
                            self.db.execute(statement)
                    self.db.execute("INSERT INTO schema_version(version) VALUES (?)", (version,))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _transaction(self):
        return _Transaction(self.db)

    @property
    def schema_version(self) -> int:
        return self.db.execute("SELECT max(version) FROM schema_version").fetchone()[0]

    def _resolve_id(self, table: str, article_id: str) -> str:
        row = self.db.execute(f"SELECT id FROM {table} WHERE id = ?", (article_id,)).fetchone()
        if row:
            return row[0]
        if len(article_id) >= 6:
            rows = self.db.execute(
                f"SELECT id FROM {table} WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                (article_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
            ).fetchall()
            if len(rows) == 1:
                return rows[0][0]
        kind = "article" if table == "articles" else "story"
        raise NotFoundError(f"no {kind} with id {article_id!r} in {self.path}")

    # --- articles -------------------------------------------------------------------------------
    def add_article(self, article: Article, analysis: Analysis | None = None) -> str:
        with self._transaction():
            if self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
                return "present"
            status = "added"
            if article.url:
                earlier = self.db.execute(
                    "SELECT id FROM articles WHERE url = ? ORDER BY rowid DESC LIMIT 1", (article.url,)
                ).fetchone()
                if earlier:
                    article.revision_of = earlier[0]
                    status = "revision"
            article.ingested_at = article.ingested_at or _now()
            self.db.execute(
                "INSERT INTO articles(id, source, outlet, title, url, published, language, words, text,"
                " revision_of, ingested_at, meta) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    article.id, article.source, article.outlet, article.title, article.url,
                    article.published, article.language, article.words, article.text,
                    article.revision_of, article.ingested_at, json.dumps(article.meta, ensure_ascii=False),
                ),
            )
            if analysis is not None:
                self._write_analysis(analysis)
            return status

    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    @staticmethod
    def _article(row: sqlite3.Row) -> Article:
        return Article(
            id=row["id"], text=row["text"], source=row["source"], outlet=row["outlet"], title=row["title"],
            url=row["url"], published=row["published"], language=row["language"], words=row["words"],
            revision_of=row["revision_of"], ingested_at=row["ingested_at"], meta=json.loads(row["meta"]),
        )

    def get_article(self, article_id: str) -> Article:
        full_id = self._resolve_id("articles", article_id)
        return self._article(self.db.execute("SELECT * FROM articles WHERE id = ?", (full_id,)).fetchone())

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is None:
            for row in self.db.execute("SELECT * FROM articles ORDER BY rowid"):
                yield self._article(row)
        else:
            for article_id in ids:
                yield self.get_article(article_id)

    def count_articles(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def search_articles(self, query: str, limit: int = 20) -> list[tuple[str, float]]:
        words = re.findall(r"\w+", query.lower())
        if not words:
            return []
        match = " ".join(f'"{w}"' for w in words)  # quoted: FTS5 operators in the query are plain words
        rows = self.db.execute(
            "SELECT a.id, -bm25(articles_fts) AS score FROM articles_fts"
            " JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts), a.rowid LIMIT ?",
            (match, limit),
        )
        return [(r[0], float(r[1])) for r in rows]

    # --- analyses -------------------------------------------------------------------------------
    def _write_analysis(self, analysis: Analysis) -> None:
        dim = None
        for array in (analysis.article_embedding, analysis.sentence_embeddings):
            if array is not None and array.size:
                dim = int(array.shape[-1])
                break
        self.db.execute(
            "INSERT OR REPLACE INTO analyses(article_id, data, dim, sentence_embeddings, article_embedding,"
            " lead_embedding, document_embedding, analyzed_at) VALUES (?,?,?,?,?,?,?,?)",
            (
                analysis.article_id, json.dumps(analysis.to_json(), ensure_ascii=False), dim,
                _blob(analysis.sentence_embeddings), _blob(analysis.article_embedding),
                _blob(analysis.lead_embedding), _blob(analysis.document_embedding), _now(),
            ),
        )

    def save_analysis(self, analysis: Analysis) -> None:
        with self._transaction():
            self._write_analysis(analysis)

    def get_analysis(self, article_id: str, embeddings: bool = True) -> Analysis | None:
        columns = ("data, dim, sentence_embeddings, article_embedding, lead_embedding, document_embedding"
                   if embeddings else "data")
        row = self.db.execute(f"SELECT {columns} FROM analyses WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        analysis = Analysis.from_json(article_id, json.loads(row["data"]))
        if embeddings:
            dim = row["dim"]
            sentences = _array(row["sentence_embeddings"], dim)
            if sentences is not None and sentences.ndim == 1:
                sentences = sentences.reshape(1, -1)
            analysis.sentence_embeddings = sentences
            analysis.article_embedding = _array(row["article_embedding"], dim)
            analysis.lead_embedding = _array(row["lead_embedding"], dim)
            analysis.document_embedding = _array(row["document_embedding"], dim)
        return analysis

    def articles_without_document_embedding(self) -> list[str]:
        rows = self.db.execute(
            "SELECT article_id FROM analyses WHERE document_embedding IS NULL AND article_embedding IS NOT NULL"
            " ORDER BY article_id"
        )
        return [r[0] for r in rows]

    def save_document_embeddings(self, vectors: dict[str, np.ndarray]) -> None:
        with self._transaction():
            self.db.executemany("UPDATE analyses SET document_embedding = ? WHERE article_id = ?",
                                [(_blob(v), k) for k, v in vectors.items()])

    def articles_without_analysis(self) -> list[str]:
        rows = self.db.execute(
            "SELECT a.id FROM articles a LEFT JOIN analyses n ON n.article_id = a.id"
            " WHERE n.article_id IS NULL ORDER BY a.rowid"
        )
        return [r[0] for r in rows]

    # --- stories --------------------------------------------------------------------------------
    def _write_stories(self, stories: list[Story], retired: Iterable[Story]) -> None:
        now = _now()
        for story in stories + list(retired):
            self.db.execute(
                "INSERT INTO stories(id, title, successor, created_at, updated_at) VALUES (?,?,?,?,?)"
                " ON CONFLICT(id) DO UPDATE SET title=excluded.title, successor=excluded.successor,"
                " updated_at=excluded.updated_at",
                (story.id, story.title, story.successor, now, now),
            )
        for story in stories:
            copied = {c.article for c in story.copies}
            for article_id in story.article_ids:
                self.db.execute(
                    "INSERT INTO story_articles(article_id, story_id) VALUES (?, ?)"
                    " ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id",
                    (article_id, story.id),
                )
                if article_id not in copied:  # no longer a copy (its story split away from its original)
                    self.db.execute("DELETE FROM copies WHERE article_id = ?", (article_id,))
            for copy in story.copies:
                self.db.execute(
                    "INSERT INTO copies(article_id, copy_of, reuse) VALUES (?,?,?) ON CONFLICT(article_id)"
                    " DO UPDATE SET copy_of = excluded.copy_of, reuse = excluded.reuse",
                    (copy.article, copy.copy_of, copy.reuse),
                )

    def _adopt_orphans(self) -> None:
        """Articles left in a retired story (another writer merged it away) move to its live successor."""
        for _ in range(32):  # successor chains are short; the bound only guards against a cycle
            moved = self.db.execute(
                "UPDATE story_articles SET story_id = (SELECT successor FROM stories WHERE id = story_id)"
                " WHERE story_id IN (SELECT id FROM stories WHERE successor IS NOT NULL)"
            ).rowcount
            if not moved:
                return

    def save_stories(self, stories: Iterable[Story], retired: Iterable[Story] = ()) -> None:
        stories = list(stories)
        with self._transaction():
            self._write_stories(stories, retired)
            self._adopt_orphans()

    def replace_all_stories(self, stories: Iterable[Story], retired: Iterable[Story] = ()) -> None:
        stories = list(stories)
        with self._transaction():
            self.db.execute("DELETE FROM story_articles")
            self.db.execute("DELETE FROM copies")
            self._write_stories(stories, retired)

    def _story(self, row: sqlite3.Row) -> Story:
        story = Story(id=row["id"], title=row["title"], successor=row["successor"])
        members = self.db.execute(
            "SELECT a.id, a.published FROM story_articles s JOIN articles a ON a.id = s.article_id"
            " WHERE s.story_id = ? ORDER BY coalesce(a.published, ''), a.rowid",
            (story.id,),
        ).fetchall()
        story.article_ids = [m["id"] for m in members]
        dates = sorted(m["published"] for m in members if m["published"])
        story.first_published = dates[0] if dates else None
        story.last_published = dates[-1] if dates else None
        story.copies = [
            Copy(article=r["article_id"], copy_of=r["copy_of"], reuse=r["reuse"])
            for r in self.db.execute(
                "SELECT c.* FROM copies c JOIN story_articles s ON s.article_id = c.article_id"
                " WHERE s.story_id = ?",
                (story.id,),
            )
        ]
        return story

    def get_story(self, story_id: str) -> Story:
        full_id = self._resolve_id("stories", story_id)
        seen = set()
        while True:
            row = self.db.execute("SELECT * FROM stories WHERE id = ?", (full_id,)).fetchone()
            if row["successor"] is None or row["successor"] in seen:
                return self._story(row)
            seen.add(full_id)
            full_id = row["successor"]

    def stories(self) -> list[Story]:
        rows = self.db.execute(
            "SELECT * FROM stories WHERE successor IS NULL AND id IN (SELECT story_id FROM story_articles)"
        ).fetchall()
        found = [self._story(r) for r in rows]
        found.sort(key=lambda s: (s.last_published or "", s.id), reverse=True)
        return found

    def story_of(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def copies(self) -> list[Copy]:
        return [Copy(article=r[0], copy_of=r[1], reuse=r[2]) for r in self.db.execute("SELECT * FROM copies")]

    # --- housekeeping ---------------------------------------------------------------------------
    def integrity_problems(self) -> list[str]:
        problems = []
        verdict = self.db.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            problems.append(f"integrity_check: {verdict}")
        for row in self.db.execute("PRAGMA foreign_key_check"):
            problems.append(f"foreign key: {row[0]} row {row[1]} points at a missing {row[2]}")
        retired = self.db.execute(
            "SELECT count(*) FROM story_articles s JOIN stories t ON t.id = s.story_id WHERE t.successor IS NOT NULL"
        ).fetchone()[0]
        if retired:
            problems.append(f"{retired} article(s) assigned to a retired story")
        missing = self.articles_without_analysis()
        if missing:
            problems.append(f"{len(missing)} article(s) without analysis: {', '.join(missing[:5])}")
        return problems

    def close(self) -> None:
        self.db.close()


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception (including KeyboardInterrupt)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type, exc, tb):
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")
        return False
