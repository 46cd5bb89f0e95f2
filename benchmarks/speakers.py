"""Speaker accuracy on BASIL quote spans (../shared/data/basil).

    .venv/bin/python benchmarks/speakers.py [--split report|tune]

Report split: articles published 2016 and later; tune on the earlier ones.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "basil"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("report", "tune"), default="report")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if not (args.data / "annotations.jsonl").exists():
        print(f"skipped: BASIL data not found in {args.data}", file=sys.stderr)
        return 0
    from newsprism.analyze.speakers import basil_speaker_accuracy

    began = time.perf_counter()
    score = basil_speaker_accuracy(args.data, args.split)
    print(f"BASIL speaker accuracy ({args.split} split, quote spans with a named speaker): "
          f"{score.accuracy:.3f} ({score.named_correct}/{score.named})")
    print(f"  unnamed speakers (other_*): {score.generic_attributed}/{score.generic} given some speaker; "
          f"{score.missing_spans} gold spans not found in the text; {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
