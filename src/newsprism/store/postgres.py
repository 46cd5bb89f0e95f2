"""The server store: PostgreSQL 15+ through psycopg 3, the same semantics as the SQLite store.

When the pgvector extension is installed on the server (or already created in the database), the story
stage's candidate vectors live in the table `story_vectors` and are searched there (exact inner product inside
the story window, see `nearest_vectors`), so every process shares one persistent index; without it the story
stage keeps its faiss index in memory. `NEWSPRISM_PGVECTOR=0` (or `vectors=False`) turns pgvector off.

Several processes may write at once. Adding the same id twice is a no-op (`ON CONFLICT DO NOTHING`), and
revision detection (same URL, new text) holds a transaction-level advisory lock on the URL, so two writers
never both store "the first" text of one URL.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from typing import Any

import numpy as np

from ..errors import NotFoundError, StoreError
from ..model import Analysis, Article, Copy, Story
from .base import Store
from .sqlite import _array, _blob, _now  # the same embedding encoding (float32 bytes) and timestamps

try:
    import psycopg
    from psycopg.rows import dict_row
except ImportError:  # pragma: no cover - exercised only without the optional extra
    psycopg = None

_MIGRATION_LOCK = 7_242_013  # advisory lock key: one migrating process at a time
_PAGE = 1000


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("newsprism.store").joinpath("pg_migrations")
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def _clean(value: str | None) -> str | None:
    # PostgreSQL text cannot hold NUL characters; they carry no meaning in an article.
    return value.replace("\x00", "") if value and "\x00" in value else value


class PostgresStore(Store):
    def __init__(self, url: str, vectors: bool | None = None):
        if psycopg is None:
            raise StoreError('the PostgreSQL store needs psycopg: pip install "newsprism[postgres]"')
        self.url = url
        self.path = _redact(url)
        try:
            self.db = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except psycopg.Error as exc:
            raise StoreError(f"{self.path}: cannot connect to PostgreSQL ({exc})") from exc
        try:
            self._migrate()
            if vectors is None:
                vectors = os.environ.get("NEWSPRISM_PGVECTOR", "1").lower() not in ("0", "false", "no", "off")
            self.searches_vectors = vectors and self._enable_vectors()
        except psycopg.Error as exc:
            self.db.close()
            raise StoreError(f"{self.path}: cannot open as a newsprism store ({exc})") from exc

    # --- plumbing -------------------------------------------------------------------------------
    def _migrate(self) -> None:
        with self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            self.db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            current = self.db.execute("SELECT max(version) AS v FROM schema_version").fetchone()["v"] or 0
            for version, sql in _migrations():
                if version > current:
                    self.db.execute(sql.encode())
                    self.db.execute("INSERT INTO schema_version(version) VALUES (%s)", (version,))

    def _enable_vectors(self) -> bool:
        """Create pgvector and the vector table when the server has the extension; False when it has not."""
        with self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            installed = self._one("SELECT 1 AS ok FROM pg_extension WHERE extname = 'vector'")
            if not installed:
                if not self._one("SELECT 1 AS ok FROM pg_available_extensions WHERE name = 'vector'"):
                    return False
                try:
                    with self.db.transaction():  # a savepoint: lacking the privilege is no error, just no pgvector
                        self.db.execute("CREATE EXTENSION IF NOT EXISTS vector")
                except psycopg.errors.InsufficientPrivilege:
                    return False
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS story_vectors ("
                " model TEXT NOT NULL,"
                ' article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,'
                " day INTEGER,"
                " embedding vector NOT NULL,"
                " PRIMARY KEY (model, article_id))"
            )
            self.db.execute("CREATE INDEX IF NOT EXISTS story_vectors_day ON story_vectors(model, day)")
        return True

    def _one(self, sql: str, params: tuple = ()) -> dict[str, Any] | None:
        return self.db.execute(sql, params).fetchone()

    @property
    def schema_version(self) -> int:
        return self._one("SELECT max(version) AS v FROM schema_version")["v"]

    def _resolve_id(self, table: str, some_id: str) -> str:
        row = self._one(f"SELECT id FROM {table} WHERE id = %s", (some_id,))
        if row:
            return row["id"]
        if len(some_id) >= 6:
            pattern = some_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = self.db.execute(
                f"SELECT id FROM {table} WHERE id LIKE %s ESCAPE '\\' LIMIT 2", (pattern,)
            ).fetchall()
            if len(rows) == 1:
                return rows[0]["id"]
        kind = "article" if table == "articles" else "story"
        raise NotFoundError(f"no {kind} with id {some_id!r} in {self.path}")

    # --- articles -------------------------------------------------------------------------------
    def add_article(self, article: Article, analysis: Analysis | None = None) -> str:
        with self.db.transaction():
            if self.has_article(article.id):
                return "present"
            revision_of = None
            if article.url:
                self.db.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (article.url,))
                earlier = self._one(
                    "SELECT id FROM articles WHERE url = %s ORDER BY seq DESC LIMIT 1", (article.url,)
                )
                revision_of = earlier["id"] if earlier else None
            ingested_at = article.ingested_at or _now()
            inserted = self._one(
                "INSERT INTO articles(id, source, outlet, title, url, published, language, words, text,"
                " revision_of, ingested_at, meta) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)"
                " ON CONFLICT (id) DO NOTHING RETURNING id",
                (
                    article.id, _clean(article.source), _clean(article.outlet), _clean(article.title),
                    _clean(article.url), article.published, article.language, article.words,
                    _clean(article.text), revision_of, ingested_at,
                    json.dumps(article.meta, ensure_ascii=False),
                ),
            )
            if inserted is None:  # another writer stored the same text meanwhile
                return "present"
            if analysis is not None:
                self._write_analysis(analysis)
        article.revision_of = revision_of
        article.ingested_at = ingested_at
        return "revision" if revision_of else "added"

    def has_article(self, article_id: str) -> bool:
        return self._one("SELECT 1 AS found FROM articles WHERE id = %s", (article_id,)) is not None

    @staticmethod
    def _article(row: dict[str, Any]) -> Article:
        return Article(
            id=row["id"], text=row["text"], source=row["source"], outlet=row["outlet"], title=row["title"],
            url=row["url"], published=row["published"], language=row["language"], words=row["words"],
            revision_of=row["revision_of"], ingested_at=row["ingested_at"], meta=row["meta"],
        )

    _ARTICLE_COLUMNS = "seq, id, source, outlet, title, url, published, language, words, text, revision_of," \
        " ingested_at, meta"

    def get_article(self, article_id: str) -> Article:
        full_id = self._resolve_id("articles", article_id)
        return self._article(self._one(f"SELECT {self._ARTICLE_COLUMNS} FROM articles WHERE id = %s", (full_id,)))

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is not None:
            for article_id in ids:
                yield self.get_article(article_id)
            return
        last = 0
        while True:  # keyset pages: no long-lived cursor, and other calls may run between pages
            rows = self.db.execute(
                f"SELECT {self._ARTICLE_COLUMNS} FROM articles WHERE seq > %s ORDER BY seq LIMIT %s",
                (last, _PAGE),
            ).fetchall()
            for row in rows:
                yield self._article(row)
            if len(rows) < _PAGE:
                return
            last = rows[-1]["seq"]

    def count_articles(self) -> int:
        return self._one("SELECT count(*) AS n FROM articles")["n"]

    def search_articles(self, query: str, limit: int = 20) -> list[tuple[str, float]]:
        words = re.findall(r"\w+", query.lower())
        if not words:
            return []
        rows = self.db.execute(
            "SELECT id, ts_rank(search, q) AS score FROM articles, plainto_tsquery('simple', %s) q"
            " WHERE search @@ q ORDER BY score DESC, seq LIMIT %s",
            (" ".join(words), limit),
        ).fetchall()
        return [(r["id"], float(r["score"])) for r in rows]

    # --- analyses -------------------------------------------------------------------------------
    def _write_analysis(self, analysis: Analysis) -> None:
        dim = None
        for array in (analysis.article_embedding, analysis.sentence_embeddings):
            if array is not None and array.size:
                dim = int(array.shape[-1])
                break
        self.db.execute(
            "INSERT INTO analyses(article_id, data, dim, sentence_embeddings, article_embedding,"
            " lead_embedding, document_embedding, analyzed_at) VALUES (%s,%s,%s,%s,%s,%s,%s,%s)"
            " ON CONFLICT (article_id) DO UPDATE"
            " SET data = excluded.data, dim = excluded.dim, sentence_embeddings = excluded.sentence_embeddings,"
            " article_embedding = excluded.article_embedding, lead_embedding = excluded.lead_embedding,"
            " document_embedding = excluded.document_embedding,"
            " analyzed_at = excluded.analyzed_at",
            (
                analysis.article_id, json.dumps(analysis.to_json(), ensure_ascii=False), dim,
                _blob(analysis.sentence_embeddings), _blob(analysis.article_embedding),
                _blob(analysis.lead_embedding), _blob(analysis.document_embedding), _now(),
            ),
        )

    def save_analysis(self, analysis: Analysis) -> None:
        with self.db.transaction():
            self._write_analysis(analysis)

    def get_analysis(self, article_id: str, embeddings: bool = True) -> Analysis | None:
        columns = ("data, dim, sentence_embeddings, article_embedding, lead_embedding, document_embedding"
                   if embeddings else "data")
        row = self._one(f"SELECT {columns} FROM analyses WHERE article_id = %s", (article_id,))
        if row is None:
            return None
        analysis = Analysis.from_json(article_id, row["data"])
        if embeddings:
            dim = row["dim"]
            sentences = _array(_bytes(row["sentence_embeddings"]), dim)
            if sentences is not None and sentences.ndim == 1:
                sentences = sentences.reshape(1, -1)
            analysis.sentence_embeddings = sentences
            analysis.article_embedding = _array(_bytes(row["article_embedding"]), dim)
            analysis.lead_embedding = _array(_bytes(row["lead_embedding"]), dim)
            analysis.document_embedding = _array(_bytes(row["document_embedding"]), dim)
        return analysis

    def articles_without_document_embedding(self) -> list[str]:
        rows = self.db.execute(
            "SELECT article_id FROM analyses WHERE document_embedding IS NULL AND article_embedding IS NOT NULL"
            " ORDER BY article_id"
        )
        return [r["article_id"] for r in rows]

    def save_document_embeddings(self, vectors: dict[str, np.ndarray]) -> None:
        with self.db.transaction():
            with self.db.cursor() as cursor:
                cursor.executemany("UPDATE analyses SET document_embedding = %s WHERE article_id = %s",
                                   [(_blob(v), k) for k, v in vectors.items()])

    def articles_without_analysis(self) -> list[str]:
        rows = self.db.execute(
            "SELECT a.id FROM articles a LEFT JOIN analyses n ON n.article_id = a.id"
            " WHERE n.article_id IS NULL ORDER BY a.seq"
        )
        return [r["id"] for r in rows]

    # --- stories --------------------------------------------------------------------------------
    def _write_stories(self, stories: list[Story], retired: Iterable[Story]) -> None:
        now = _now()
        with self.db.cursor() as cur:
            cur.executemany(
                "INSERT INTO stories(id, title, successor, created_at, updated_at) VALUES (%s,%s,%s,%s,%s)"
                " ON CONFLICT (id) DO UPDATE SET title = excluded.title, successor = excluded.successor,"
                " updated_at = excluded.updated_at",
                [(s.id, _clean(s.title), s.successor, now, now) for s in stories + list(retired)],
            )
            cur.executemany(
                "INSERT INTO story_articles(article_id, story_id) VALUES (%s, %s)"
                " ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id",
                [(article_id, s.id) for s in stories for article_id in s.article_ids],
            )
            # an article no longer a copy (its story split away from its original) loses its copy row
            cur.executemany(
                "DELETE FROM copies WHERE article_id = %s",
                [(a,) for s in stories for a in set(s.article_ids) - {c.article for c in s.copies}],
            )
            cur.executemany(
                "INSERT INTO copies(article_id, copy_of, reuse) VALUES (%s,%s,%s) ON CONFLICT (article_id)"
                " DO UPDATE SET copy_of = excluded.copy_of, reuse = excluded.reuse",
                [(c.article, c.copy_of, c.reuse) for s in stories for c in s.copies],
            )

    def _adopt_orphans(self) -> None:
        """Articles left in a retired story (another writer merged it away) move to its live successor."""
        for _ in range(32):  # successor chains are short; the bound only guards against a cycle
            moved = self.db.execute(
                "UPDATE story_articles s SET story_id = t.successor FROM stories t"
                " WHERE t.id = s.story_id AND t.successor IS NOT NULL"
            ).rowcount
            if not moved:
                return

    def save_stories(self, stories: Iterable[Story], retired: Iterable[Story] = ()) -> None:
        stories = list(stories)
        with self.db.transaction():
            self._write_stories(stories, retired)
            self._adopt_orphans()

    def replace_all_stories(self, stories: Iterable[Story], retired: Iterable[Story] = ()) -> None:
        stories = list(stories)
        with self.db.transaction():
            self.db.execute("DELETE FROM story_articles")
            self.db.execute("DELETE FROM copies")
            self._write_stories(stories, retired)

    def _story(self, row: dict[str, Any]) -> Story:
        story = Story(id=row["id"], title=row["title"], successor=row["successor"])
        members = self.db.execute(
            "SELECT a.id, a.published FROM story_articles s JOIN articles a ON a.id = s.article_id"
            " WHERE s.story_id = %s ORDER BY coalesce(a.published, '') COLLATE \"C\", a.seq",
            (story.id,),
        ).fetchall()
        story.article_ids = [m["id"] for m in members]
        dates = sorted(m["published"] for m in members if m["published"])
        story.first_published = dates[0] if dates else None
        story.last_published = dates[-1] if dates else None
        story.copies = [
            Copy(article=r["article_id"], copy_of=r["copy_of"], reuse=r["reuse"])
            for r in self.db.execute(
                "SELECT c.article_id, c.copy_of, c.reuse FROM copies c"
                " JOIN story_articles s ON s.article_id = c.article_id WHERE s.story_id = %s",
                (story.id,),
            )
        ]
        return story

    def get_story(self, story_id: str) -> Story:
        full_id = self._resolve_id("stories", story_id)
        seen = set()
        while True:
            row = self._one("SELECT id, title, successor FROM stories WHERE id = %s", (full_id,))
            if row["successor"] is None or row["successor"] in seen:
                return self._story(row)
            seen.add(full_id)
            full_id = row["successor"]

    def stories(self) -> list[Story]:
        rows = self.db.execute(
            "SELECT id, title, successor FROM stories WHERE successor IS NULL"
            " AND id IN (SELECT story_id FROM story_articles)"
        ).fetchall()
        found = [self._story(r) for r in rows]
        found.sort(key=lambda s: (s.last_published or "", s.id), reverse=True)
        return found

    def story_of(self, article_id: str) -> str | None:
        row = self._one("SELECT story_id FROM story_articles WHERE article_id = %s", (article_id,))
        return row["story_id"] if row else None

    def copies(self) -> list[Copy]:
        rows = self.db.execute("SELECT article_id, copy_of, reuse FROM copies ORDER BY article_id")
        return [Copy(article=r["article_id"], copy_of=r["copy_of"], reuse=r["reuse"]) for r in rows]

    # --- article vectors (pgvector) ---------------------------------------------------------------
    def put_vectors(self, model: str, rows: Iterable[tuple[str, int | None, Sequence[float]]]) -> None:
        self._need_vectors()
        params = [(model, article_id, day, _vector_literal(vector)) for article_id, day, vector in rows]
        if not params:
            return
        with self.db.transaction(), self.db.cursor() as cur:
            cur.executemany(
                "INSERT INTO story_vectors(model, article_id, day, embedding) VALUES (%s, %s, %s, %s::vector)"
                " ON CONFLICT (model, article_id) DO NOTHING",
                params,
            )

    def vector_days(self, model: str) -> dict[str, int | None]:
        self._need_vectors()
        rows = self.db.execute("SELECT article_id, day FROM story_vectors WHERE model = %s", (model,))
        return {row["article_id"]: row["day"] for row in rows}

    def nearest_vectors(self, model: str, queries: Sequence[Sequence[float]], k: int,
                        day_ranges: Sequence) -> list[list[tuple[str, float]]]:
        # `<#>` is the negative inner product. The dated and undated halves are searched apart so that each can
        # use the (model, day) index; the union is cut to k again. Exact: no approximate index is involved.
        self._need_vectors()
        out = []
        for query, days in zip(queries, day_ranges):
            q = _vector_literal(query)
            if days is None:
                rows = self.db.execute(
                    "SELECT article_id, embedding <#> %s::vector AS d FROM story_vectors WHERE model = %s"
                    " ORDER BY d, article_id LIMIT %s", (q, model, k)).fetchall()
            else:
                ranges = [days] if isinstance(days[0], int) else list(days)
                params = {"q": q, "m": model, "k": k}
                within = []
                for n, (lo, hi) in enumerate(ranges):
                    within.append(f"day BETWEEN %(lo{n})s AND %(hi{n})s")
                    params[f"lo{n}"], params[f"hi{n}"] = lo, hi
                rows = self.db.execute(
                    "SELECT article_id, d FROM ("
                    " (SELECT article_id, embedding <#> %(q)s::vector AS d FROM story_vectors"
                    f"  WHERE model = %(m)s AND ({' OR '.join(within)}) ORDER BY d, article_id LIMIT %(k)s)"
                    " UNION ALL"
                    " (SELECT article_id, embedding <#> %(q)s::vector AS d FROM story_vectors"
                    "  WHERE model = %(m)s AND day IS NULL ORDER BY d, article_id LIMIT %(k)s)"
                    ") hits ORDER BY d, article_id LIMIT %(k)s",
                    params).fetchall()
            out.append([(row["article_id"], -float(row["d"])) for row in rows])
        return out

    def get_vector(self, model: str, article_id: str) -> list[float]:
        self._need_vectors()
        row = self._one("SELECT embedding::real[] AS v FROM story_vectors WHERE model = %s AND article_id = %s",
                        (model, article_id))
        if row is None:
            raise NotFoundError(f"no {model} vector for article {article_id!r} in {self.path}")
        return list(row["v"])

    def drop_vectors(self, model: str) -> None:
        self._need_vectors()
        self.db.execute("DELETE FROM story_vectors WHERE model = %s", (model,))

    def _need_vectors(self) -> None:
        if not self.searches_vectors:
            raise StoreError(f"{self.path}: pgvector is not enabled in this store")

    # --- housekeeping ---------------------------------------------------------------------------
    _ORPHANS = (
        ("analyses", "article_id", "articles"),
        ("story_articles", "article_id", "articles"),
        ("story_articles", "story_id", "stories"),
        ("copies", "article_id", "articles"),
        ("copies", "copy_of", "articles"),
        ("articles", "revision_of", "articles"),
        ("stories", "successor", "stories"),
    )

    def integrity_problems(self) -> list[str]:
        # Foreign keys make orphans impossible unless constraints were dropped or disabled; check anyway,
        # the way SQLite's foreign_key_check does.
        problems = []
        for table, column, target in self._ORPHANS:
            rows = self.db.execute(
                f"SELECT t.{column} AS ref FROM {table} t LEFT JOIN {target} r ON r.id = t.{column}"
                f" WHERE t.{column} IS NOT NULL AND r.id IS NULL LIMIT 5"
            ).fetchall()
            for row in rows:
                problems.append(f"foreign key: {table}.{column} points at a missing {target} row {row['ref']}")
        retired = self.db.execute(
            "SELECT count(*) AS n FROM story_articles s JOIN stories t ON t.id = s.story_id"
            " WHERE t.successor IS NOT NULL"
        ).fetchone()["n"]
        if retired:
            problems.append(f"{retired} article(s) assigned to a retired story")
        missing = self.articles_without_analysis()
        if missing:
            problems.append(f"{len(missing)} article(s) without analysis: {', '.join(missing[:5])}")
        return problems

    def close(self) -> None:
        self.db.close()


def _vector_literal(vector: Sequence[float]) -> str:
    """pgvector's text form: [x,y,...] (float32 values, so shortest repr round-trips)."""
    values = vector.tolist() if hasattr(vector, "tolist") else list(vector)
    return "[" + ",".join(repr(float(x)) for x in values) + "]"


def _bytes(value: bytes | memoryview | None) -> bytes | None:
    return None if value is None else bytes(value)
