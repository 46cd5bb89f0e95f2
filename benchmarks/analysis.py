"""Analysis benchmark: loaded language on BABE, and the analysis stage's throughput against the bare models.

Run: `.venv/bin/python benchmarks/analysis.py [--articles 150] [--skip-babe] [--skip-throughput]`.
Reads `../shared/data` (BABE, BASIL); prints a clear message and exits 0 when it is absent.

BABE (Spinde et al. 2021), "No agreement" dropped, 5-fold cross-validation grouped by `topic` (GroupKFold;
topic names are normalised so "vaccine"/"vaccines" and "gun control"/"gun-control" fall in one fold):

- For every fold a word head (`newsprism.analyze.loaded.WordHead`: logistic regression on lexicon, VADER,
  TextBlob and MiniLM-lemma features) is fitted on the training folds only; its decision threshold is chosen on
  out-of-fold predictions inside the training folds. The held-out fold's loaded terms are produced by the same
  code as the product (`loaded_spans`: lexicon prior noisy-or head, quotes damped) with that fold's head, and
  compared with `biased_words` (micro precision/recall/F1 over lower-cased words). Candidates are the product's
  (`loaded.find_candidates`: lexicon words and phrases plus content words with a VADER/TextBlob signal, no
  attribution verbs or plain proper adjectives); a gold word that is not a candidate counts as missed.
- The sentence classifier (logistic regression on the MiniLM sentence embedding, sentence VADER and TextBlob
  scores, and aggregates of the word scores) is fitted on the training folds; the word-score aggregates of
  training sentences come from inner out-of-fold heads, so train and test features are made the same way; its
  regularisation is chosen per fold by inner grouped cross-validation on the training folds.
  Macro-F1 over Biased / Non-biased. Anchor: 0.804 (fine-tuned BERT, Spinde et al.).

The head shipped in the package (`analyze/data/loaded_head.npz`) is trained on all of BABE by
`benchmarks/train_loaded_head.py`; the figures printed here never use it — they are cross-validated.

Throughput: 150 BASIL articles (or ECB+ when BASIL is absent). Bare models = spaCy `nlp.pipe` over the texts
plus one MiniLM `encode` of every sentence spaCy found; the stage = `analyze_articles` on the same texts, in the
same process, after both are warmed up. That process runs apart from BABE's (a subprocess), so its peak memory,
its maximum resident set size, is the analysis stage's own.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))

from newsprism.analyze import loaded  # noqa: E402
from newsprism.analyze.models import sentence_encoder, spacy_pipeline  # noqa: E402

FOLDS = 5
INNER_FOLDS = 3
WORD_C = 0.05
SENTENCE_CS = (0.02, 0.05, 0.1, 0.5)  # chosen per fold by inner cross-validation on the training folds
PUNCT = "\"'“”‘’.,;:!?()[]"


# ---------------------------------------------------------------------------------------------- BABE data


def load_babe(data: Path = DATA) -> list[dict]:
    path = data / "babe" / "sentences.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return [r for r in rows if r["label_bias"] in ("Biased", "Non-biased")]


def normalise_topic(topic: str) -> str:
    key = re.sub(r"[^a-z0-9]+", " ", topic.lower()).strip()
    return re.sub(r"s\b", "", key)


def gold_words(row: dict) -> set[str]:
    words = ast.literal_eval(row["biased_words"]) if row["biased_words"] else []
    return {part.strip(PUNCT).lower() for w in words for part in w.split() if part.strip(PUNCT)}


@dataclass
class BabeSet:
    """Everything the folds need, computed once: parsed docs, word candidates and features, sentence features."""

    rows: list[dict]
    docs: list
    candidates: list[list]  # per sentence
    word_x: np.ndarray  # all candidates of all sentences, in order
    word_y: np.ndarray
    word_sentence: np.ndarray  # sentence index of each candidate
    word_prior: np.ndarray  # lexicon weight
    word_quoted: np.ndarray
    sentence_x: np.ndarray  # embedding + VADER + TextBlob
    sentence_y: np.ndarray
    groups: np.ndarray  # normalised topic per sentence
    gold: list[set[str]]


def build_babe(rows: list[dict]) -> BabeSet:
    from textblob.en import sentiment as pattern_sentiment
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    nlp = spacy_pipeline()
    lex = loaded.lexicon()
    texts = [r["text"] for r in rows]
    docs = list(nlp.pipe(texts, batch_size=64))
    candidates, feats, labels, sent_of, prior, quoted = [], [], [], [], [], []
    vectors = loaded.word_vectors()
    for i, (row, doc) in enumerate(zip(rows, docs)):
        cands = loaded.find_candidates(doc, lex, loaded.quote_spans(doc.text))
        candidates.append(cands)
        if not cands:
            continue
        gold = gold_words(row)
        feats.append(loaded.candidate_features(doc, cands, vectors))
        labels.extend(int(any(w.strip(PUNCT).lower() in gold for w in c.text.split())) for c in cands)
        sent_of.extend([i] * len(cands))
        prior.extend(c.entry.weight if c.entry else 0.0 for c in cands)
        quoted.extend(c.quoted for c in cands)
    vader = SentimentIntensityAnalyzer()
    lexical = []
    for text in texts:
        v = vader.polarity_scores(text)
        polarity, subjectivity = pattern_sentiment(text)
        lexical.append([v["neg"], v["pos"], v["neu"], abs(v["compound"]), polarity, subjectivity])
    embeddings = sentence_encoder().encode(texts)
    return BabeSet(
        rows=rows, docs=docs, candidates=candidates,
        word_x=np.vstack(feats), word_y=np.array(labels), word_sentence=np.array(sent_of),
        word_prior=np.array(prior, dtype=np.float32), word_quoted=np.array(quoted, dtype=bool),
        sentence_x=np.hstack([embeddings, np.array(lexical, dtype=np.float32)]),
        sentence_y=np.array([r["label_bias"] == "Biased" for r in rows], dtype=int),
        groups=np.array([normalise_topic(r["topic"]) for r in rows]),
        gold=[gold_words(r) for r in rows],
    )


# ---------------------------------------------------------------------------------------------- word head


def _fit_logistic(x: np.ndarray, y: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = np.where(x.std(axis=0) > 1e-6, x.std(axis=0), 1.0)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit((x - mean) / scale, y)
    return model.coef_[0].astype(np.float32), float(model.intercept_[0]), mean, scale


def _best_threshold(probability: np.ndarray, y: np.ndarray) -> float:
    best, best_f1 = 0.5, -1.0
    for t in np.arange(0.1, 0.9, 0.02):
        predicted = probability >= t
        tp = np.sum(predicted & (y == 1))
        f1 = 2 * tp / max(predicted.sum() + y.sum(), 1)
        if f1 > best_f1:
            best, best_f1 = float(t), f1
    return best


def fit_word_head(data: BabeSet, sentences: np.ndarray, about: str = "") -> tuple[loaded.WordHead, np.ndarray]:
    """A head fitted on the candidates of `sentences`, thresholded by inner out-of-fold F1.

    Returns the head and the inner out-of-fold head probabilities of those candidates (already shifted so
    0.5 is the threshold), used as honest word-score features for the sentence classifier's training rows.
    """
    from sklearn.model_selection import GroupKFold

    rows = np.flatnonzero(np.isin(data.word_sentence, sentences))
    x, y = data.word_x[rows], data.word_y[rows]
    groups = data.groups[data.word_sentence[rows]]
    oof = np.zeros(len(rows), dtype=np.float32)
    for inner_train, inner_test in GroupKFold(INNER_FOLDS).split(x, y, groups):
        coef, intercept, mean, scale = _fit_logistic(x[inner_train], y[inner_train], WORD_C)
        oof[inner_test] = loaded.WordHead(coef, intercept, mean, scale).probability(x[inner_test])
    threshold = _best_threshold(oof, y)
    shift = -np.log(threshold / (1 - threshold))
    coef, intercept, mean, scale = _fit_logistic(x, y, WORD_C)
    head = loaded.WordHead(coef, intercept + shift, mean, scale, about=f"{about}; threshold {threshold:.2f}")
    oof_shifted = 1 / (1 + np.exp(-(np.log(oof / np.maximum(1 - oof, 1e-9) + 1e-12) + shift)))
    return head, oof_shifted.astype(np.float32)


def final_scores(data: BabeSet, rows: np.ndarray, head_probability: np.ndarray) -> np.ndarray:
    """The product's combination (see `loaded.score_candidates`) from precomputed head probabilities."""
    return loaded.combine_scores(data.word_prior[rows], head_probability, data.word_quoted[rows])


def word_aggregates(data: BabeSet, sentences: np.ndarray, rows: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Per sentence: top score, mean of the top three, share of passing terms, score mass; strongest lexicon prior
    and number of lexicon hits (capped)."""
    out = np.zeros((len(sentences), 6), dtype=np.float32)
    position = {s: k for k, s in enumerate(sentences)}
    per_sentence: dict[int, list[float]] = {}
    for row, score in zip(rows, scores):
        per_sentence.setdefault(int(data.word_sentence[row]), []).append(float(score))
        k = position[int(data.word_sentence[row])]
        out[k, 4] = max(out[k, 4], data.word_prior[row])
        out[k, 5] = min(out[k, 5] + (0.2 if data.word_prior[row] > 0 else 0.0), 1.0)
    for s, values in per_sentence.items():
        values.sort(reverse=True)
        out[position[s], :4] = (values[0], np.mean(values[:3]),
                                min(sum(v >= loaded.THRESHOLD for v in values), 5) / 5, sum(values) / 10)
    return out


def choose_sentence_c(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> float:
    """The regularisation with the best inner out-of-fold macro-F1 (training folds only)."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    best, best_f1 = SENTENCE_CS[0], -1.0
    for c in SENTENCE_CS:
        predicted = np.zeros(len(y), dtype=int)
        for inner_train, inner_test in GroupKFold(INNER_FOLDS).split(x, y, groups):
            coef, intercept, mean, scale = _fit_logistic(x[inner_train], y[inner_train], c)
            predicted[inner_test] = (((x[inner_test] - mean) / scale) @ coef + intercept) > 0
        f1 = f1_score(y, predicted, average="macro")
        if f1 > best_f1:
            best, best_f1 = c, f1
    return best


def babe_benchmark(data: BabeSet) -> dict:
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    n = len(data.rows)
    predicted_label = np.zeros(n, dtype=int)
    tp = fp = fn = 0
    for fold, (train, test) in enumerate(GroupKFold(FOLDS).split(np.zeros(n), data.sentence_y, data.groups)):
        head, train_oof = fit_word_head(data, train, about=f"BABE fold {fold}")
        train_rows = np.flatnonzero(np.isin(data.word_sentence, train))
        test_rows = np.flatnonzero(np.isin(data.word_sentence, test))
        test_scores = final_scores(data, test_rows, head.probability(data.word_x[test_rows]))
        train_scores = final_scores(data, train_rows, train_oof)
        x_train = np.hstack([data.sentence_x[train], word_aggregates(data, train, train_rows, train_scores)])
        x_test = np.hstack([data.sentence_x[test], word_aggregates(data, test, test_rows, test_scores)])
        c = choose_sentence_c(x_train, data.sentence_y[train], data.groups[train])
        coef, intercept, mean, scale = _fit_logistic(x_train, data.sentence_y[train], c)
        predicted_label[test] = (((x_test - mean) / scale) @ coef + intercept) > 0
        for s in test:
            rows = test_rows[data.word_sentence[test_rows] == s]
            scores = test_scores[np.isin(test_rows, rows)]
            predicted = {w.strip(PUNCT).lower() for row, score in zip(rows, scores) if score >= loaded.THRESHOLD
                         for w in _candidate_text(data, row).split()}
            gold = data.gold[s]
            tp += len(predicted & gold)
            fp += len(predicted - gold)
            fn += len(gold - predicted)
    precision = tp / max(tp + fp, 1)
    recall = tp / max(tp + fn, 1)
    return {
        "sentences": n,
        "topics": len(set(data.groups)),
        "macro_f1": f1_score(data.sentence_y, predicted_label, average="macro"),
        "word_precision": precision,
        "word_recall": recall,
        "word_f1": 2 * precision * recall / max(precision + recall, 1e-9),
    }


def _candidate_text(data: BabeSet, row: int) -> str:
    sentence = int(data.word_sentence[row])
    first = int(np.flatnonzero(data.word_sentence == sentence)[0])
    return data.candidates[sentence][row - first].text


# ---------------------------------------------------------------------------------------------- throughput


def load_articles(limit: int, data: Path = DATA):
    from newsprism.model import Article

    basil = data / "basil" / "articles.jsonl"
    path = basil if basil.exists() else data / "ecbplus" / "articles.jsonl"
    articles = []
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        articles.append(Article(id=str(row["id"]), text=row["text"], source=str(path), title=row.get("title"),
                                published=row.get("published")))
        if len(articles) == limit:
            break
    return path.parent.name, articles


def bare_models(texts: list[str]) -> None:
    nlp, encoder = spacy_pipeline(), sentence_encoder()
    sentences = [s.text.strip() for doc in nlp.pipe(texts, batch_size=32) for s in doc.sents if s.text.strip()]
    encoder.encode(sentences)


def throughput_benchmark(limit: int) -> dict:
    from newsprism.analyze import analyze_articles

    source, articles = load_articles(limit)
    texts = [a.text for a in articles]
    analyze_articles(articles[:2])  # load every model and lexicon once
    start = time.perf_counter()
    bare_models(texts)
    bare = time.perf_counter() - start
    start = time.perf_counter()
    analyze_articles(articles)
    stage = time.perf_counter() - start
    return {"source": source, "articles": len(articles), "bare_s": bare, "stage_s": stage,
            "ratio": bare / stage, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--skip-babe", action="store_true")
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"skipped: evaluation data not found at {DATA} (see ../shared/data/README.md)")
        return 0
    if not args.skip_babe:
        if (DATA / "babe" / "sentences.jsonl").exists():
            start = time.perf_counter()
            result = babe_benchmark(build_babe(load_babe()))
            print(f"BABE sentence bias, {FOLDS}-fold by topic ({result['sentences']} sentences, "
                  f"{result['topics']} topics): macro-F1 {result['macro_f1']:.3f} (anchor 0.804, target 0.75)")
            print(f"BABE loaded words vs biased_words: precision {result['word_precision']:.3f}  "
                  f"recall {result['word_recall']:.3f}  F1 {result['word_f1']:.3f}  "
                  f"[{time.perf_counter() - start:.0f} s]")
        else:
            print("skipped BABE: babe/sentences.jsonl not found")
    if not args.skip_throughput and not args.skip_babe:
        # the stage's peak memory is its own: BABE's features and caches would count in this process
        import subprocess

        done = subprocess.run([sys.executable, __file__, "--skip-babe", "--articles", str(args.articles)],
                              capture_output=True, text=True)
        print(done.stdout.strip() or done.stderr.strip()[-400:])
        return done.returncode
    if not args.skip_throughput:
        result = throughput_benchmark(args.articles)
        print(f"throughput on {result['articles']} {result['source']} articles: bare models {result['bare_s']:.1f} s, "
              f"analysis stage {result['stage_s']:.1f} s, ratio {result['ratio']:.2f} (target >= 0.8); "
              f"peak memory {result['peak_mb']:.0f} MB (target < 2048)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
