"""Settings in one place. Every field can be overridden from the environment as NEWSPRISM_<FIELD>."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Settings:
    db: str = "newsprism.db"
    max_input_bytes: int = 20 * 1024 * 1024
    fetch_timeout: float = 15.0
    allow_private: bool = False
    story_window_days: float = 4.0  # articles published further apart are different stories (profile.held_apart)
    multilingual: bool = False
    batch_size: int = 32

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        values = {}
        for f in fields(cls):
            raw = os.environ.get(f"NEWSPRISM_{f.name.upper()}")
            if raw is None:
                continue
            if f.type in ("bool", bool):
                values[f.name] = raw.lower() in ("1", "true", "yes", "on")
            elif f.type in ("int", int):
                values[f.name] = int(raw)
            elif f.type in ("float", float):
                values[f.name] = float(raw)
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
