"""The comparison stage: one story through every outlet — facts, omissions, conflicts, quotes, framing,
lineage and a cited neutral summary. Contract: `newsprism.comparison/1` (docs/comparison.md)."""

from .comparison import SCHEMA, Comparison
from .facts import AlignParams
from .pipeline import compare
from .summary import SummaryParams

__all__ = ["SCHEMA", "AlignParams", "Comparison", "SummaryParams", "compare"]
