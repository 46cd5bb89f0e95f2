"""Scale benchmark: the batch pipeline with 1 and 2 workers, and SQLite against PostgreSQL store writes.

Run: `.venv/bin/python benchmarks/scale.py [--articles 96] [--engine local|ray] [--store-articles 2000]`.

1. End to end (read JSONL → analyse → store → group) with `newsprism.batch.run_batch` on an invented corpus of
   `--articles` articles (about 220 words each, generated from a fixed seed), once with 1 worker and once with
   2, each into a fresh SQLite store; model loading is included. Prints articles/s and the 2-worker ratio.
2. Store writes: `add_article` with a 20-sentence analysis (384-dim float32 embeddings) for `--store-articles`
   articles, one transaction each, into SQLite (WAL) and into PostgreSQL 15 (NEWSPRISM_TEST_PG, or a throwaway
   cluster from scripts/postgres.sh, fsync off; SQLite runs WAL with synchronous=NORMAL). Skipped with a
   message when no PostgreSQL is available.
Peak memory: maximum resident set of this process and of its largest child (a pool worker).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
PLACES = ["Valdora", "Kestrel Bay", "Port Elsen", "Morrow", "Lindhaven", "Carsk", "Ostrava Nova", "Belmere"]
PEOPLE = ["Marta Lindqvist", "Anna Holm", "Tomas Greve", "Piet Varga", "Ines Calder", "Jonas Reyes"]
EVENTS = ["a bridge collapse", "a warehouse fire", "a ferry accident", "a power cut", "a flood", "a strike"]
VERBS = ["said", "told reporters", "announced", "warned", "confirmed", "claimed"]


def invented_article(i: int, rng: random.Random) -> dict:
    place, person, event = rng.choice(PLACES), rng.choice(PEOPLE), rng.choice(EVENTS)
    sentences = [f"{person} {rng.choice(VERBS)} that {event} in {place} had affected {rng.randint(2, 900)} people."]
    for _ in range(11):
        sentences.append(
            f"Officials in {rng.choice(PLACES)} {rng.choice(VERBS)} on {rng.choice(['Monday', 'Tuesday', 'Friday'])}"
            f" that {rng.randint(3, 80)} teams were working after {rng.choice(EVENTS)}, and that the cost could reach"
            f" {rng.randint(1, 40)} million."
        )
    return {"id": f"scale-{i}", "outlet": f"Outlet {i % 7}", "published": f"2025-0{1 + i % 9}-1{i % 10}",
            "title": f"{event.capitalize()} in {place}", "text": " ".join(sentences)}


def write_corpus(folder: Path, n: int) -> list[str]:
    rng = random.Random(7)
    shards = []
    for s in range(2):
        path = folder / f"shard-{s}.jsonl"
        path.write_text("".join(json.dumps(invented_article(i, rng)) + "\n" for i in range(s, n, 2)),
                        encoding="utf-8")
        shards.append(str(path))
    return shards


def end_to_end(shards: list[str], n: int, engine: str, workers: int, folder: Path) -> float:
    from newsprism.batch import Progress, run_batch
    from newsprism.settings import Settings
    from newsprism.store import open_store

    quiet = Progress(stream=open(os.devnull, "w"))
    with open_store(str(folder / f"{engine}-{workers}.db")) as store:
        started = time.perf_counter()
        summary = run_batch(shards, store, Settings(), engine=engine, workers=workers, progress=quiet)
        elapsed = time.perf_counter() - started
        assert summary.count("added") == n, summary.line()
    return n / elapsed


def store_writes(url: str, n: int) -> float:
    from newsprism.model import Analysis, Article, Sentence
    from newsprism.store import open_store

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(20, 384)).astype(np.float32)
    text = " ".join(f"Sentence {k} of an invented article about a flood." for k in range(20))
    with open_store(url) as store:
        started = time.perf_counter()
        for i in range(n):
            article_id = f"{i:016x}"
            analysis = Analysis(article_id=article_id, sentences=[Sentence(k, "S.", 0, 2) for k in range(20)],
                                sentence_embeddings=vectors, article_embedding=vectors[0], lead_embedding=vectors[1])
            store.add_article(Article(id=article_id, text=f"{i} {text}", source=f"{i}.txt", title=f"Flood {i}",
                                      url=f"https://x.example/{i}"), analysis)
        return n / (time.perf_counter() - started)


def postgres_database() -> tuple[str | None, callable]:
    """A fresh database URL and a cleanup function, or (None, noop) with a message."""
    import psycopg

    server = os.environ.get("NEWSPRISM_TEST_PG")
    stop = None
    if not server:
        env = dict(os.environ, NEWSPRISM_PG_PORT="54339")
        started = subprocess.run(["bash", str(ROOT / "scripts/postgres.sh"), "start"], env=env,
                                 capture_output=True, text=True)
        if started.returncode != 0:
            print(f"PostgreSQL: not available ({started.stderr.strip()}); skipped", file=sys.stderr)
            return None, lambda: None
        server = started.stdout.strip().splitlines()[-1]
        stop = lambda: subprocess.run(["bash", str(ROOT / "scripts/postgres.sh"), "stop"], env=env,  # noqa: E731
                                      capture_output=True)
    admin = psycopg.connect(server, autocommit=True)
    admin.execute('DROP DATABASE IF EXISTS "newsprism_scale" WITH (FORCE)')
    admin.execute('CREATE DATABASE "newsprism_scale"')
    base = server.rsplit("/", 1)[0]

    def cleanup():
        admin.execute('DROP DATABASE IF EXISTS "newsprism_scale" WITH (FORCE)')
        admin.close()
        if stop:
            stop()

    return f"{base}/newsprism_scale", cleanup


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=96)
    parser.add_argument("--engine", choices=["local", "ray"], default="local")
    parser.add_argument("--store-articles", type=int, default=2000)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shards = write_corpus(folder, args.articles)
        print(f"scale: {args.articles} invented articles, engine {args.engine}, {os.cpu_count()} CPUs")
        one = end_to_end(shards, args.articles, args.engine, 1, folder)
        print(f"end to end, 1 worker:  {one:.2f} articles/s")
        two = end_to_end(shards, args.articles, args.engine, 2, folder)
        print(f"end to end, 2 workers: {two:.2f} articles/s  (ratio {two / one:.2f}x)")

        sqlite = store_writes(str(folder / "writes.db"), args.store_articles)
        print(f"store writes, SQLite:     {sqlite:.0f} articles/s ({args.store_articles} articles with analysis)")
        url, cleanup = postgres_database()
        if url:
            try:
                postgres = store_writes(url, args.store_articles)
                print(f"store writes, PostgreSQL: {postgres:.0f} articles/s (ratio to SQLite {postgres / sqlite:.2f})")
            finally:
                cleanup()
    print(f"peak memory: driver {peak_mb(resource.RUSAGE_SELF):.0f} MB, largest child process "
          f"{peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")


if __name__ == "__main__":
    main()
