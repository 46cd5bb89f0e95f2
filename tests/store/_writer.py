"""One of the concurrent writers in test_store.py: add articles lo..hi-1, print how many got each status.

`order` "head" also adds 0..49 at the end; "reversed" walks each URL's four texts backwards, so that the two
writers store different texts of the same URL at the same moment (the revision race).
"""

import json
import sys
import time

import numpy as np

from newsprism.model import Analysis, Article, Sentence
from newsprism.store import open_store


def article(i: int) -> tuple[Article, Analysis]:
    text = f"Text number {i}."
    vectors = np.full((1, 8), i, dtype=np.float32)
    analysis = Analysis(article_id=f"{i:016d}", sentences=[Sentence(0, text, 0, len(text))],
                        sentence_embeddings=vectors, article_embedding=vectors[0], lead_embedding=vectors[0])
    return Article(id=f"{i:016d}", text=text, source=f"{i}.txt", url=f"https://x.example/{i // 4}"), analysis


def main() -> None:
    url, start_at, lo, hi, order = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    ids = list(range(lo, hi))
    if order == "head":
        ids += range(0, 50)
    elif order == "reversed":
        ids = [i for group in range(lo, hi, 4) for i in reversed(range(group, min(group + 4, hi)))]
    items = [article(i) for i in ids]
    time.sleep(max(0.0, start_at - time.time()))
    statuses: dict[str, int] = {}
    with open_store(url) as store:
        for item, analysis in items:
            status = store.add_article(item, analysis)
            statuses[status] = statuses.get(status, 0) + 1
    print(json.dumps(statuses))


if __name__ == "__main__":
    main()
