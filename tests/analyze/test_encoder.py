"""The MiniLM encoder: batching by word-piece budget changes the speed, never the vectors."""

from __future__ import annotations

import numpy as np

from newsprism.analyze.models import sentence_encoder


def test_batches_by_word_pieces_give_the_same_vectors_in_the_input_order():
    encoder = sentence_encoder()
    texts = ["Short.", "", "A much longer sentence about a bridge that collapsed over the Mensa river in Valdora. " * 8,
             "Four people died.", "Rescue teams worked through the night to pull survivors from the water."]
    one_by_one = np.vstack([encoder.encode([t]) for t in texts])
    for kwargs in ({}, {"batch_tokens": 1}, {"batch_tokens": 40}, {"batch_size": 2, "batch_tokens": 10**9}):
        batched = encoder.encode(texts, **kwargs)
        assert batched.shape == (len(texts), encoder.dim)
        np.testing.assert_allclose(batched, one_by_one, atol=1e-5)
    norms = np.linalg.norm(one_by_one, axis=1)
    np.testing.assert_allclose(norms, 1.0, atol=1e-5)
    assert float(one_by_one[0] @ one_by_one[2]) < 0.9  # different texts, different vectors, order kept
