"""Comparison benchmark: neutral summary on NeuS, informational bias on BASIL, latency.

Run: `.venv/bin/python benchmarks/compare.py [--tune] [--skip-neus] [--skip-basil] [--skip-latency]`.
Reads `../shared/data` and `../shared/samples`; prints a clear message and goes on when a part is absent.
Analyses are cached under /tmp/newsprism-bench/ (keyed by text and by the analysis code's hash).

- NeuS (report: test; `--tune` runs the threshold / length grid on val instead): ROUGE-1/2/L F1 of our neutral
  summary (the sentences of `summary`, joined) against the editors' `neutral_summary`, beside a lead-3 baseline
  (the first three sentences of the event's first article) scored the same way in the same run. ROUGE is
  implemented here like `rouge-score` 0.1.2 (lower-cased alphanumeric tokens, Porter stems for tokens longer
  than 3 characters; ROUGE-L is the LCS over the whole text), averaged over events.
- BASIL (report: events published 2016 and later): share of informational-bias spans (`bias == "inf"`) whose
  sentence (found by matching `txt` inside the article's sentences) lies in a fact we mark partial or unique
  for that article, beside the share of all sentences that do (the base rate).
- Latency: the seed pair cold (a new process: `python -m newsprism.cli compare A B --json`, which ingests into a
  temporary store, analyses and compares; and a bare `python -c` analysis + compare without ingest) and a
  10-article story warm (ECB+ topic 36, analyses already done; median of 7 runs of `compare`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
CACHE = Path("/tmp/newsprism-bench")
sys.path.insert(0, str(ROOT / "src"))

from newsprism.compare import AlignParams, SummaryParams, compare  # noqa: E402
from newsprism.model import AnalyzedArticle, Article  # noqa: E402


# --- analysis cache ---------------------------------------------------------------------------------------
def _code_hash() -> str:
    h = hashlib.sha256()
    for p in sorted((ROOT / "src" / "newsprism" / "analyze").rglob("*")):
        if p.is_file() and p.suffix in (".py", ".json", ".txt", ".npz", ".tsv"):
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def analyzed(articles: list[Article], name: str) -> list[AnalyzedArticle]:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}-{_code_hash()}.pkl"
    cache = pickle.loads(path.read_bytes()) if path.exists() else {}
    missing = [a for a in articles if a.id not in cache]
    if missing:
        from newsprism.analyze import analyze_articles

        start = time.perf_counter()
        for a, an in zip(missing, analyze_articles(missing)):
            cache[a.id] = an
        print(f"  (analysed {len(missing)} {name} articles in {time.perf_counter() - start:.0f} s; cached)",
              file=sys.stderr)
        path.write_bytes(pickle.dumps(cache))
    return [AnalyzedArticle(a, cache[a.id]) for a in articles]


def _article(id_: str, text: str, **kw) -> Article:
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    return Article(id=f"{id_}:{digest}", text=text, source=id_, words=len(text.split()), **kw)


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# --- ROUGE -----------------------------------------------------------------------------------------------
def _tokens(text: str) -> list[str]:
    from nltk.stem.porter import PorterStemmer

    stemmer = _tokens.stemmer = getattr(_tokens, "stemmer", None) or PorterStemmer()
    toks = re.sub(r"[^a-z0-9]+", " ", text.lower()).split()
    return [stemmer.stem(t) if len(t) > 3 else t for t in toks]


def _f1(overlap: int, n_pred: int, n_ref: int) -> float:
    if not overlap or not n_pred or not n_ref:
        return 0.0
    p, r = overlap / n_pred, overlap / n_ref
    return 2 * p * r / (p + r)


def _ngrams(toks: list[str], n: int) -> dict[tuple, int]:
    out: dict[tuple, int] = defaultdict(int)
    for i in range(len(toks) - n + 1):
        out[tuple(toks[i : i + n])] += 1
    return out


def _lcs(a: list[str], b: list[str]) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge(pred: str, ref: str) -> tuple[float, float, float]:
    p, r = _tokens(pred), _tokens(ref)
    scores = []
    for n in (1, 2):
        gp, gr = _ngrams(p, n), _ngrams(r, n)
        overlap = sum(min(c, gr[g]) for g, c in gp.items() if g in gr)
        scores.append(_f1(overlap, max(0, len(p) - n + 1), max(0, len(r) - n + 1)))
    scores.append(_f1(_lcs(p, r), len(p), len(r)))
    return scores[0], scores[1], scores[2]


# --- NeuS -----------------------------------------------------------------------------------------------
def neus_events(split: str):
    arts, refs = DATA / "neus" / f"{split}.articles.jsonl", DATA / "neus" / f"{split}.roundups.jsonl"
    if not arts.exists() or not refs.exists():
        return None
    by_event: dict[str, list[Article]] = defaultdict(list)
    rows = _jsonl(arts)
    articles = [_article(r["id"], r["text"], title=r.get("title")) for r in rows]
    items = analyzed(articles, f"neus-{split}")
    for row, item in zip(rows, items):
        by_event[row["event"]].append(item)
    reference = {r["event"]: r["neutral_summary"] for r in _jsonl(refs)}
    return [(by_event[e], reference[e]) for e in sorted(by_event) if e in reference]


def score_neus(events, align: AlignParams, summary: SummaryParams) -> tuple[list[float], list[float]]:
    ours, lead = [], []
    for items, ref in events:
        result = compare(items, align=align, summary=summary)
        ours.append(rouge(" ".join(s.text for s in result.summary), ref))
        first = items[0].analysis.sentences[:3]
        lead.append(rouge(" ".join(s.text for s in first), ref))
    mean = lambda rows: [100 * statistics.fmean(r[k] for r in rows) for k in range(3)]  # noqa: E731
    return mean(ours), mean(lead)


def run_neus(tune: bool) -> None:
    split = "val" if tune else "test"
    events = neus_events(split)
    if events is None:
        print(f"NeuS: skipped ({DATA / 'neus'} not found)")
        return
    if tune:
        print(f"NeuS val ({len(events)} events): threshold × max sentences → ROUGE-1/2/L F1")
        for threshold in (0.5, 0.56, 0.62, 0.68, 0.74):
            for max_sentences in (2, 3, 4, 5):
                ours, _ = score_neus(events, AlignParams(threshold=threshold),
                                     SummaryParams(max_sentences=max_sentences, min_sentences=min(3, max_sentences)))
                print(f"  threshold {threshold:.2f}  max {max_sentences}:  "
                      f"R1 {ours[0]:.2f}  R2 {ours[1]:.2f}  RL {ours[2]:.2f}")
        return
    ours, lead = score_neus(events, AlignParams(), SummaryParams())
    print(f"NeuS test ({len(events)} events), ROUGE F1 vs editors' neutral_summary")
    print(f"  {'':22}{'R1':>7}{'R2':>7}{'RL':>7}")
    print(f"  {'newsprism summary':22}{ours[0]:7.2f}{ours[1]:7.2f}{ours[2]:7.2f}")
    print(f"  {'lead-3 (first article)':22}{lead[0]:7.2f}{lead[1]:7.2f}{lead[2]:7.2f}")


# --- BASIL ----------------------------------------------------------------------------------------------
def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("“", '"').replace("”", '"').replace("’", "'")).strip().lower()


def run_basil(tune: bool) -> None:
    arts, notes = DATA / "basil" / "articles.jsonl", DATA / "basil" / "annotations.jsonl"
    if not arts.exists() or not notes.exists():
        print(f"BASIL: skipped ({DATA / 'basil'} not found)")
        return
    rows = [r for r in _jsonl(arts) if (r.get("published") or "")[:4] and
            ((r["published"][:4] < "2016") if tune else (r["published"][:4] >= "2016"))]
    articles = [_article(r["id"], r["text"], outlet=r.get("outlet"), title=r.get("title"),
                         published=r.get("published")) for r in rows]
    items = analyzed(articles, "basil")
    annotations = {a["article_id"]: a for a in _jsonl(notes)}
    by_event: dict[str, list[tuple[dict, AnalyzedArticle]]] = defaultdict(list)
    for row, item in zip(rows, items):
        by_event[row["event"]].append((row, item))
    spans = found = in_partial = 0
    sentences = sentences_partial = 0
    for members in by_event.values():
        if len(members) < 2:
            continue
        result = compare([item for _row, item in members])
        kind_of = {f.id: f.kind for f in result.facts}
        for row, item in members:
            facts = result.sentence_facts[item.article.id]
            for s in item.analysis.sentences:
                sentences += 1
                sentences_partial += kind_of.get(facts.get(s.index, ""), "") in ("partial", "unique")
            texts = [(s.index, _norm(s.text)) for s in item.analysis.sentences]
            for span in annotations.get(row["id"], {}).get("phrase-level-annotations", []):
                if span.get("bias") != "inf":
                    continue
                spans += 1
                needle = _norm(span.get("txt", ""))
                hit = next((i for i, t in texts if needle and needle in t), None)
                if hit is None:
                    continue
                found += 1
                in_partial += kind_of.get(facts.get(hit, ""), "") in ("partial", "unique")
    split = "tune (before 2016)" if tune else "report (2016 and later)"
    print(f"BASIL {split}: {len(by_event)} events, {spans} informational-bias spans, {found} matched to a sentence")
    if found:
        print(f"  inf spans in facts marked partial/unique for their article: {in_partial}/{found} "
              f"= {100 * in_partial / found:.1f}%")
        print(f"  base rate (all sentences in partial/unique facts):          {sentences_partial}/{sentences} "
              f"= {100 * sentences_partial / max(1, sentences):.1f}%")


# --- latency --------------------------------------------------------------------------------------------
COLD_SCRIPT = """
import hashlib, sys, time
from pathlib import Path
from newsprism.model import Article, AnalyzedArticle
from newsprism.analyze import analyze_articles
from newsprism.compare import compare
texts = [Path(p).read_text(encoding="utf-8") for p in sys.argv[1:]]
arts = [Article(id=hashlib.sha256(t.encode()).hexdigest()[:16], text=t, source=p) for t, p in zip(texts, sys.argv[1:])]
doc = compare([AnalyzedArticle(a, x) for a, x in zip(arts, analyze_articles(arts))]).to_json()
print(len(doc["facts"]))
"""


def _timed(cmd: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    return time.perf_counter() - start, proc.returncode


def run_latency() -> None:
    seeds = sorted(str(p) for p in (SHARED / "samples").glob("*.txt"))
    if len(seeds) < 2:
        print(f"latency (seed pair, cold): skipped (no samples in {SHARED / 'samples'})")
    else:
        python = sys.executable
        try:
            import newsprism.cli  # noqa: F401

            runs = [_timed([python, "-m", "newsprism.cli", "compare", *seeds, "--json"]) for _ in range(3)]
            ok = all(code == 0 for _t, code in runs)
            print(f"latency, seed pair cold, `python -m newsprism.cli compare A B --json` (ingest + analysis + "
                  f"compare, new process): median {statistics.median(t for t, _c in runs):.2f} s over 3 runs"
                  + ("" if ok else " (the command failed)"))
        except ImportError:
            print("latency via the CLI: skipped (newsprism.cli not importable)")
        runs = [_timed([python, "-c", COLD_SCRIPT, *seeds]) for _ in range(3)]
        print(f"latency, seed pair cold, python -c analysis + compare (new process, no ingest): "
              f"median {statistics.median(t for t, _c in runs):.2f} s over 3 runs (target < 3 s)")
    ecb = DATA / "ecbplus" / "articles.jsonl"
    if not ecb.exists():
        print(f"latency (10-article story, warm): skipped ({ecb} not found)")
        return
    rows = [r for r in _jsonl(ecb) if str(r["topic"]) == "36"][:10]
    items = analyzed([_article(r["id"], r["text"]) for r in rows], "ecbplus")
    compare(items)
    times = []
    for _ in range(7):
        start = time.perf_counter()
        compare(items).to_json()
        times.append(time.perf_counter() - start)
    sentences = sum(len(i.analysis.sentences) for i in items)
    print(f"latency, 10-article story warm (ECB+ topic 36, {sentences} sentences, analyses done): "
          f"median {1000 * statistics.median(times):.0f} ms over 7 runs (target < 300 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="grid on NeuS val and BASIL's tune split")
    parser.add_argument("--skip-neus", action="store_true")
    parser.add_argument("--skip-basil", action="store_true")
    parser.add_argument("--skip-latency", action="store_true")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"evaluation data not found at {DATA}: NeuS and BASIL skipped")
    else:
        if not args.skip_neus:
            run_neus(args.tune)
        if not args.skip_basil:
            run_basil(args.tune)
    if not args.skip_latency and not args.tune:
        run_latency()


if __name__ == "__main__":
    main()
