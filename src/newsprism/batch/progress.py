"""Progress of a batch run, as short lines on stderr (at most one every `every` seconds, and a last one)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from ..model import IngestResult


class Progress:
    def __init__(self, stream: TextIO | None = None, every: float = 2.0):
        self.stream = stream if stream is not None else sys.stderr
        self.every = every
        self.started = time.monotonic()
        self.last = 0.0
        self.counts = {"added": 0, "revision": 0, "present": 0, "rejected": 0}
        self.timings: dict[str, float] = {}  # seconds per phase of the last run (run_batch fills it)

    def __call__(self, result: IngestResult) -> None:
        self.counts[result.status] = self.counts.get(result.status, 0) + 1
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self.print()

    @property
    def stored(self) -> int:
        return self.counts["added"] + self.counts["revision"]

    def rate(self) -> float:
        return self.stored / max(time.monotonic() - self.started, 1e-9)

    def print(self, stage: str = "analyse+store") -> None:
        c = self.counts
        print(f"batch [{stage}]: {self.stored} stored ({c['revision']} revisions), {c['present']} already present,"
              f" {c['rejected']} rejected, {self.rate():.1f} articles/s, {time.monotonic() - self.started:.0f} s",
              file=self.stream, flush=True)

    def note(self, message: str) -> None:
        print(f"batch: {message}", file=self.stream, flush=True)
