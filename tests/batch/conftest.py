"""A small invented corpus (written for these tests) as JSON Lines shards, and the `ingest` result to match."""

from __future__ import annotations

import json

import pytest

from newsprism.pipeline import ingest
from newsprism.settings import Settings
from newsprism.store import open_store

from batch_helpers import snapshot

BRIDGE = (
    "A road bridge over the Mensa river collapsed in Valdora on Tuesday morning, killing four people and injuring "
    "23, the regional governor Marta Lindqvist said. The 140-metre bridge, built in 1968, gave way as a bus and "
    "several cars were crossing. Rescue teams pulled survivors from the water for hours. Lindqvist ordered an "
    "inspection of every bridge in the province and said engineers had warned about corrosion in 2019."
)
RECORDS = [
    {"id": "herald-bridge", "outlet": "Herald", "published": "2025-03-11", "url": "https://herald.example/bridge",
     "title": "Bridge collapse in Valdora kills four", "text": BRIDGE},
    {"outlet": "Courier", "published": "2025-03-11", "url": "https://courier.example/valdora",
     "title": "Four dead as Valdora bridge falls into Mensa river",
     "text": "Four people died and 23 were hurt when the Mensa river bridge in Valdora collapsed on Tuesday, "
             "governor Marta Lindqvist told reporters. A bus was on the 140-metre span when it fell. Divers "
             "searched the river through the afternoon. Residents said cracks had been visible for years, and a "
             "2019 report flagged corrosion. Lindqvist promised checks on all bridges in the province."},
    {"outlet": "Wire copy", "published": "2025-03-11", "url": "https://copy.example/b",
     "title": "Bridge collapse in Valdora kills four", "text": BRIDGE + " The transport ministry opened an inquiry."},
    {"outlet": "Herald", "published": "2025-05-06", "url": "https://herald.example/fire",
     "title": "Warehouse fire in Kestrel Bay",
     "text": "A fire destroyed a furniture warehouse in Kestrel Bay on Monday night, fire chief Anna Holm said. "
             "Sixty firefighters fought the blaze for seven hours. No one was hurt, but 18 nearby homes were "
             "evacuated. Holm said the cause was not yet known and investigators would start work on Tuesday."},
    {"outlet": "Bay News", "published": "2025-05-07", "url": "https://baynews.example/fire",
     "title": "Kestrel Bay warehouse destroyed by fire",
     "text": "Investigators began work on Tuesday at the Kestrel Bay furniture warehouse that burned down on "
             "Monday night. Fire chief Anna Holm said sixty firefighters spent seven hours on the blaze and 18 "
             "homes nearby had been evacuated. Nobody was injured. The cause is still unknown."},
    {"outlet": "Bay News", "published": "2025-05-08", "url": "https://baynews.example/fire",
     "title": "Kestrel Bay warehouse destroyed by fire (updated)",
     "text": "Investigators began work on Tuesday at the Kestrel Bay furniture warehouse that burned down on "
             "Monday night. Fire chief Anna Holm said sixty firefighters spent seven hours on the blaze and 18 "
             "homes nearby had been evacuated. Nobody was injured. Police said an electrical fault was likely."},
    {"outlet": "Courier", "published": "2025-09-02", "url": "https://courier.example/port",
     "title": "Footbridge collapses in Port Elsen, injuring nine",
     "text": "A pedestrian footbridge collapsed in Port Elsen on Monday, injuring nine people, mayor Tomas Greve "
             "said. The 35-metre steel structure over the railway line was opened in 2011. Greve closed two other "
             "footbridges of the same design while engineers inspect them. Police said nobody was missing."},
    {"outlet": "Nowhere", "title": "A record without any text"},
]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """Two JSONL shards (the second repeats one article: `present`) and a rejected record."""
    folder = tmp_path_factory.mktemp("corpus")
    first, second = folder / "shard-1.jsonl", folder / "shard-2.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in RECORDS[:4]), encoding="utf-8")
    second.write_text("".join(json.dumps(r) + "\n" for r in RECORDS[4:] + RECORDS[:1]), encoding="utf-8")
    return [str(first), str(second)]


@pytest.fixture
def settings():
    return Settings(batch_size=2)  # small batches: several batches, windows and workers even on a tiny corpus


@pytest.fixture(scope="session")
def ingested(corpus, tmp_path_factory):
    """What `newsprism ingest` stores for the corpus: the reference every engine must match."""
    path = str(tmp_path_factory.mktemp("ingest") / "ingest.db")
    with open_store(path) as store:
        summary = ingest(corpus, store, Settings(batch_size=2))
        return snapshot(store, summary)
