"""Scale benchmark: the batch pipeline with 1 and 2 workers, and SQLite against PostgreSQL store writes.

Run: `.venv/bin/python benchmarks/scale.py [--articles 384] [--engine local|ray] [--store-articles 2000]`.

1. End to end (read JSONL → analyse → store → group) with `newsprism.batch.run_batch` on an invented corpus of
   `--articles` articles (about 220 words each, generated from a fixed seed), once with 1 worker and once with
   2, each into a fresh SQLite store; model loading is included. Prints articles/s and the 2-worker ratio.
2. Store writes: `add_article` with a 20-sentence analysis (384-dim float32 embeddings) for `--store-articles`
   articles, one transaction each, into SQLite (WAL) and into PostgreSQL 15 (NEWSPRISM_TEST_PG, or a throwaway
   cluster from scripts/postgres.sh, fsync off; SQLite runs WAL with synchronous=NORMAL). Skipped with a
   message when no PostgreSQL is available.
3. Candidate search (`--search-sizes 10000,100000,1000000`): the day-bucketed `CandidateIndex` over synthetic
   clustered, L2-normalised 384-d vectors, each size built in its own subprocess (so its peak memory is its
   own). Dates: "rate" = a constant 1,370 articles a day (1M articles = 2 years; the store grows by getting
   older, the realistic case), "span" = every size spread over the same 730 days (the density grows with the
   store), and "undated" = undated queries on the "span" index (they search every day: the worst case).
   Queries are stored vectors plus noise, window 4 days, k=49, searched in batches of 256 (as the grouper
   searches) and one at a time, with one faiss thread, the median of 3 passes. In "arrival" (the "rate" store)
   the queries are new articles dated the store's newest day, as in a live stream; in the other scenarios each
   query takes the day of the stored vector it was made from (a backfill, scattered over the whole history).
   "text-arrival" is "arrival" with every day read from the text (no publication dates): such days are held
   apart only beyond 90 days (`profile.TEXT_DATE_WINDOW`), so each query searches 181 days.
   `--search-baseline` adds the former single HNSW index (M=16, efC=64, efSearch=64) at each size.
4. pgvector (`--pgvector-sizes 10000,100000`): the "arrival" and "rate" scenarios of 3 through the PostgreSQL
   store's own vector search (pgvector, exact inside the window), one SQL query per article, 256 queries.
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


def end_to_end(shards: list[str], n: int, engine: str, workers: int, folder: Path) -> tuple[float, dict]:
    """Articles/s of `run_batch` (model loading included) and its phase timings."""
    from newsprism.batch import Progress, run_batch
    from newsprism.settings import Settings
    from newsprism.store import open_store

    quiet = Progress(stream=open(os.devnull, "w"))
    with open_store(str(folder / f"{engine}-{workers}.db")) as store:
        started = time.perf_counter()
        summary = run_batch(shards, store, Settings(), engine=engine, workers=workers, progress=quiet)
        elapsed = time.perf_counter() - started
        assert summary.count("added") == n, summary.line()
    return n / elapsed, quiet.timings


def bare_models(n: int) -> dict:
    """The bare models on the same texts, in a fresh process (model loading included, as end to end):
    spaCy `nlp.pipe` over the texts, then MiniLM over every sentence it finds."""
    code = f"""
import json, random, sys, time
sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
from scale import invented_article
rng = random.Random(7)
texts = [invented_article(i, rng)["text"] for i in range({n})]
t0 = time.perf_counter()
from newsprism.analyze.models import sentence_encoder, spacy_pipeline
nlp, encoder = spacy_pipeline(), sentence_encoder()
t1 = time.perf_counter()
sentences = [s.text.strip() for d in nlp.pipe(texts, batch_size=32) for s in d.sents if s.text.strip()]
t2 = time.perf_counter()
encoder.encode(sentences)
t3 = time.perf_counter()
print(json.dumps({{"load": t1 - t0, "spacy": t2 - t1, "minilm": t3 - t2, "total": t3 - t0}}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT / "src")))
    return json.loads(done.stdout.strip().splitlines()[-1])


def analysis_profile(n: int) -> dict:
    """Seconds per part of the analysis stage on the same texts (models loaded first, not counted)."""
    import random as _random

    from newsprism.analyze import pipeline as analysis
    from newsprism.analyze.models import sentence_encoder, spacy_pipeline
    from newsprism.model import Article

    rng = _random.Random(7)
    raw = [invented_article(i, rng) for i in range(n)]
    articles = [Article(id=a["id"], text=a["text"], source=a["id"], title=a["title"], published=a["published"],
                        outlet=a["outlet"]) for a in raw]
    spacy_pipeline(), sentence_encoder()
    seconds = {name: 0.0 for name, _ in analysis.DEFAULT_STEPS}

    def timed(name, step):
        def run(context):
            started = time.perf_counter()
            step(context)
            seconds[name] += time.perf_counter() - started
        return name, run

    analyzer = analysis.Analyzer([timed(name, step) for name, step in analysis.DEFAULT_STEPS])
    encode = analysis.embed_analyses
    embed = {"s": 0.0}

    def timed_embed(*args):
        started = time.perf_counter()
        encode(*args)
        embed["s"] += time.perf_counter() - started

    analysis.embed_analyses = timed_embed
    try:
        started = time.perf_counter()
        analyzer.analyze(articles)
        total = time.perf_counter() - started
    finally:
        analysis.embed_analyses = encode
    steps = sum(seconds.values())
    return {"total": total, "minilm (sentences, leads, documents)": embed["s"],
            "spaCy parse": total - embed["s"] - steps, **{f"step {k}": v for k, v in seconds.items()}}


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
                                sentence_embeddings=vectors, article_embedding=vectors[0], lead_embedding=vectors[1],
                                document_embedding=vectors[2])
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


# --- candidate search cost ----------------------------------------------------------------------------------
PER_DAY = 1370  # 1M articles over 2 years
REPEATS = 3  # timed passes over the same queries; the median is reported
SPAN_DAYS = 730


def _rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def synthetic_vectors(n: int, dim: int = 384, seed: int = 0) -> np.ndarray:
    """Clusters of near neighbours (about 8 articles per story), L2-normalised; built in chunks."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((max(1, n // 8), dim), dtype=np.float32)
    out = np.empty((n, dim), dtype=np.float32)
    for begin in range(0, n, 100_000):
        end = min(n, begin + 100_000)
        out[begin:end] = centres[rng.integers(0, len(centres), end - begin)]
        out[begin:end] += 0.6 * rng.standard_normal((end - begin, dim), dtype=np.float32)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out


def search_cost_one(n: int, dates: str, queries: int = 2048, window: float = 4.0, k: int = 49,
                    baseline: bool = False) -> dict:
    """Build the index for `n` vectors with `dates` ("arrival", "rate", "span", "undated"; "text-arrival": as
    "arrival", every day read from the text, which time holds apart only beyond profile.TEXT_DATE_WINDOW) and
    time the queries."""
    import faiss

    from newsprism.stories import index as idx
    from newsprism.stories.profile import TEXT_DATE_WINDOW

    text = dates.startswith("text-")
    dates = dates.removeprefix("text-")

    faiss.omp_set_num_threads(1)
    rng = np.random.default_rng(1)
    vectors = synthetic_vectors(n)
    span = max(1, round(n / PER_DAY)) if dates in ("rate", "arrival") else SPAN_DAYS
    first = 739_000  # a day ordinal (2024)
    days = first + np.sort(rng.integers(0, span, n))
    ids = [f"v{i}" for i in range(n)]
    before = _rss_mb()
    started = time.perf_counter()
    if baseline:
        index = idx.CandidateIndex(vectors.shape[1])
        for begin in range(0, n, 50_000):
            index.add(ids[begin:begin + 50_000], vectors[begin:begin + 50_000])
    else:
        index = idx.CandidateIndex(vectors.shape[1])
        for begin in range(0, n, 50_000):
            index.add(ids[begin:begin + 50_000], vectors[begin:begin + 50_000],
                      days=(days[begin:begin + 50_000] + (idx.TEXT_DAYS if text else 0)).tolist())
    build = time.perf_counter() - started
    index_mb = _rss_mb() - before
    if dates == "undated":
        queries = min(queries, 256)
    rows = rng.integers(0, n, queries)
    probe = vectors[rows] + 0.05 * rng.standard_normal((queries, vectors.shape[1]), dtype=np.float32)
    probe /= np.linalg.norm(probe, axis=1, keepdims=True)
    if dates == "undated" or baseline:
        qdays = [None] * queries
    elif dates == "arrival":  # today's articles, arriving in a store that holds everything up to today
        qdays = [int(days.max())] * queries
    else:
        qdays = days[rows].tolist()
    reach = int(max(window, TEXT_DATE_WINDOW) if text else window)
    in_window = (float(np.mean([np.sum(np.abs(days - d) <= reach) for d in qdays[:256]]))
                 if dates != "undated" and not baseline else float(n))
    if text:
        qdays = [d + idx.TEXT_DAYS for d in qdays]
    qwindow = None if baseline else window
    def batched_pass() -> float:
        started = time.perf_counter()
        for begin in range(0, queries, 256):
            index.search(probe[begin:begin + 256], k, days=qdays[begin:begin + 256], window=qwindow)
        return (time.perf_counter() - started) / queries

    single_n = min(queries, 64 if dates == "undated" else 512)

    def single_pass() -> float:
        started = time.perf_counter()
        for q in range(single_n):
            index.search(probe[q:q + 1], k, days=qdays[q:q + 1], window=qwindow)
        return (time.perf_counter() - started) / single_n

    # the median of REPEATS passes: one pass is at the mercy of whatever else the machine does at that moment
    batched = float(np.median([batched_pass() for _ in range(REPEATS)]))
    single = float(np.median([single_pass() for _ in range(REPEATS)]))
    label = "hnsw-baseline" if baseline else ("text-" if text else "") + dates
    return {"n": n, "dates": label, "span_days": span, "build_s": build,
            "ms_batched": batched * 1e3, "ms_single": single * 1e3, "index_mb": index_mb,
            "peak_mb": _rss_mb("VmHWM"), "in_window": in_window, **index.stats()}


SCENARIOS = ("arrival", "rate", "span", "undated", "text-arrival")


def search_cost(sizes=(10_000, 100_000, 1_000_000), scenarios=SCENARIOS,
                baseline: bool = False) -> list[dict]:
    """Each (scenario, size) in a fresh subprocess (own peak memory), niced; returns the measured rows."""
    rows = []
    jobs = [(s, n, False) for s in scenarios for n in sizes]
    if baseline:
        jobs += [("undated", n, True) for n in sizes]
    for scenario, n, base in jobs:
        cmd = ["nice", sys.executable, str(Path(__file__).resolve()), "--search-one", f"{scenario}:{n}"]
        if base:
            cmd.append("--search-baseline")
        env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONPATH=str(ROOT / "src"))
        done = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            print(f"candidate search {scenario} n={n:,}: failed: {done.stderr.strip()[-400:]}", file=sys.stderr)
            continue
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return rows


def print_search_cost(rows: list[dict]) -> None:
    base = {r["dates"]: r for r in rows if r["n"] == min(x["n"] for x in rows)}
    for r in rows:
        ref = base.get(r["dates"], r)
        print(f"candidate search [{r['dates']:<13}] n={r['n']:>9,} ({r['span_days']:>3} days, "
              f"{r['in_window']:>9,.0f} in window): build {r['build_s']:6.1f} s, "
              f"{r['ms_batched']:.3f} ms/article batched ({r['ms_batched'] / ref['ms_batched']:.2f}x), "
              f"{r['ms_single']:.3f} ms single ({r['ms_single'] / ref['ms_single']:.2f}x); "
              f"index {r['index_mb']:.0f} MB, peak {r['peak_mb']:.0f} MB")


def pgvector_search_cost(url: str, sizes=(10_000, 100_000), queries: int = 256, window: float = 4.0,
                         k: int = 49) -> list[dict]:
    """The same "rate" scenario through the PostgreSQL store's pgvector search (`StoreVectorIndex`): rows are
    bulk-loaded with COPY into one database per size, then each query is one SQL statement (exact, inside the
    window plus undated vectors)."""
    import psycopg

    from newsprism.store.postgres import PostgresStore, _vector_literal
    from newsprism.stories.index import StoreVectorIndex

    rows = []
    for n in sizes:
        with psycopg.connect(url, autocommit=True) as db:
            db.execute("DROP SCHEMA public CASCADE")  # a fresh store (and extension) per size
            db.execute("CREATE SCHEMA public")
        store = PostgresStore(url)
        if not store.searches_vectors:
            print("pgvector search: the server has no pgvector; skipped", file=sys.stderr)
            store.close()
            return rows
        rng = np.random.default_rng(1)
        vectors = synthetic_vectors(n)
        span = max(1, round(n / PER_DAY))
        days = 739_000 + np.sort(rng.integers(0, span, n))
        started = time.perf_counter()
        with store.db.cursor() as cur:
            with cur.copy("COPY articles (id, source, text, ingested_at) FROM STDIN") as copy:
                for i in range(n):
                    copy.write_row((f"v{i}", "synthetic", "x", "2024-01-01T00:00:00"))
            with cur.copy("COPY story_vectors (model, article_id, day, embedding) FROM STDIN") as copy:
                for i in range(n):
                    copy.write_row(("minilm", f"v{i}", int(days[i]), _vector_literal(vectors[i])))
        store.db.execute("ANALYZE story_vectors")
        build = time.perf_counter() - started
        index = StoreVectorIndex(store, "minilm")
        picks = rng.integers(0, n, queries)
        probe = vectors[picks] + 0.05 * rng.standard_normal((queries, vectors.shape[1]), dtype=np.float32)
        probe /= np.linalg.norm(probe, axis=1, keepdims=True)
        # "rate": each query on the day of the vector it was made from; "arrival": today's articles
        for scenario, qdays in (("rate", days[picks].tolist()), ("arrival", [int(days.max())] * queries)):
            started = time.perf_counter()
            index.search(probe, k, days=qdays, window=window)
            per_query = (time.perf_counter() - started) / queries
            in_window = float(np.mean([np.sum(np.abs(days - d) <= int(window)) for d in qdays]))
            rows.append({"n": n, "dates": scenario, "build_s": build, "ms": per_query * 1e3, "in_window": in_window})
        store.close()
    return rows


def print_pgvector_cost(rows: list[dict]) -> None:
    for r in sorted(rows, key=lambda r: (r["dates"] != "arrival", r["n"])):
        first = next(x for x in rows if x["dates"] == r["dates"])
        print(f"candidate search [pgvector {r['dates']:<7}] n={r['n']:>9,} ({r['in_window']:>9,.0f} in window): "
              f"load {r['build_s']:6.1f} s, {r['ms']:.3f} ms/article ({r['ms'] / first['ms']:.2f}x), "
              f"one SQL query each")


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=384)  # enough that loading the models (per worker) is amortised
    parser.add_argument("--engine", choices=["local", "ray"], default="local")
    parser.add_argument("--store-articles", type=int, default=2000)
    parser.add_argument("--profile", action="store_true", help="also time each part of the analysis stage")
    parser.add_argument("--skip-search", action="store_true", help="skip the candidate search part")
    parser.add_argument("--search-sizes", default="10000,100000,1000000",
                        help="candidate search sizes (empty: skip)")
    parser.add_argument("--search-scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--search-baseline", action="store_true", help="also time the former single HNSW index")
    parser.add_argument("--search-only", action="store_true", help="only the candidate search part")
    parser.add_argument("--pgvector-only", action="store_true", help="only the pgvector candidate search part")
    parser.add_argument("--search-one", help=argparse.SUPPRESS)  # scenario:n, run in a subprocess
    parser.add_argument("--pgvector-sizes", default="10000,100000",
                        help="sizes for the pgvector candidate search on PostgreSQL (empty: skip)")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.search_one:
        scenario, n = args.search_one.split(":")
        print(json.dumps(search_cost_one(int(n), scenario, baseline=args.search_baseline)))
        return
    if args.pgvector_only:
        url, cleanup = postgres_database()
        if url:
            try:
                sizes = tuple(int(x) for x in args.pgvector_sizes.split(",") if x)
                print_pgvector_cost(pgvector_search_cost(url, sizes))
            finally:
                cleanup()
        return
    if args.search_only:
        sizes = tuple(int(x) for x in args.search_sizes.split(",") if x)
        print_search_cost(search_cost(sizes, tuple(args.search_scenarios.split(",")), args.search_baseline))
        return

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shards = write_corpus(folder, args.articles)
        print(f"scale: {args.articles} invented articles, engine {args.engine}, {os.cpu_count()} CPUs")
        bare = bare_models(args.articles)
        print(f"bare models, 1 process: {args.articles / bare['total']:.2f} articles/s (load {bare['load']:.1f} s, "
              f"spaCy {bare['spacy']:.1f} s, MiniLM on every sentence {bare['minilm']:.1f} s)")
        one, t1 = end_to_end(shards, args.articles, args.engine, 1, folder)
        print(f"end to end, 1 worker:  {one:.2f} articles/s  ({one * bare['total'] / args.articles:.2f}x the bare "
              f"models; " + ", ".join(f"{k} {v:.1f} s" for k, v in t1.items()) + ")")
        two, t2 = end_to_end(shards, args.articles, args.engine, 2, folder)
        print(f"end to end, 2 workers: {two:.2f} articles/s  (ratio {two / one:.2f}x; "
              f"{two * bare['total'] / args.articles:.2f}x the bare models in 1 process; "
              + ", ".join(f"{k} {v:.1f} s" for k, v in t2.items()) + ")")
        bare_after = bare_models(args.articles)
        print(f"bare models again (load drift check): {args.articles / bare_after['total']:.2f} articles/s")
        if args.profile:
            parts = analysis_profile(args.articles)
            print("analysis stage, 1 process, models loaded: "
                  + ", ".join(f"{k} {v:.1f} s" for k, v in parts.items()))

        sqlite = store_writes(str(folder / "writes.db"), args.store_articles)
        print(f"store writes, SQLite:     {sqlite:.0f} articles/s ({args.store_articles} articles with analysis)")
        url, cleanup = postgres_database()
        if url:
            try:
                postgres = store_writes(url, args.store_articles)
                print(f"store writes, PostgreSQL: {postgres:.0f} articles/s (ratio to SQLite {postgres / sqlite:.2f})")
                pg_sizes = tuple(int(x) for x in args.pgvector_sizes.split(",") if x)
                if pg_sizes and not args.skip_search:
                    print_pgvector_cost(pgvector_search_cost(url, pg_sizes))
            finally:
                cleanup()
    print(f"peak memory: driver {peak_mb(resource.RUSAGE_SELF):.0f} MB, largest child process "
          f"{peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")
    sizes = tuple(int(x) for x in args.search_sizes.split(",") if x)
    if sizes and not args.skip_search:
        print_search_cost(search_cost(sizes, tuple(args.search_scenarios.split(",")), args.search_baseline))


if __name__ == "__main__":
    main()
