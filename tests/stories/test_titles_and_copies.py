"""Story titles avoid loaded headlines; copy direction when a publication date is missing."""

from __future__ import annotations

import itertools
from pathlib import Path

from newsprism.model import Analysis, AnalyzedArticle, LoadedTerm, Sentence
from newsprism.settings import Settings
from newsprism.stories import StoryGrouper, find_copies, stories_to_json
from newsprism.stories.copies import compare_originality, has_wire_credit
from newsprism.stories.titles import story_title
from newsprism.store import SQLiteStore

from stories_helpers import BRIDGE, make_article

WIRE_TEXT = (
    "VALDORA, March 11 (Mensa Wire) - " + BRIDGE["bridge-herald"][3]
    + " It was the worst bridge failure in the province since 1994."
)
# The dated outlet reprints the wire without its dateline, drops the last sentence and adds one of its own.
REPRINT_TEXT = BRIDGE["bridge-herald"][3] + " Local schools will stay closed on Wednesday."


def bare(key, outlet, published, title, text, loaded=()) -> AnalyzedArticle:
    """An article with a minimal analysis (no models): sentences split on full stops, optional loaded terms."""
    article = make_article(key, outlet, published, title, text)
    sentences, start = [], 0
    for n, part in enumerate(p for p in text.split(". ") if p):
        begin = text.index(part, start)
        sentences.append(Sentence(index=n, text=part, start=begin, end=begin + len(part)))
        start = begin + len(part)
    terms = [LoadedTerm(term=t, target=None, sentence=0, score=0.9) for t in loaded]
    return AnalyzedArticle(article, Analysis(article_id=key, sentences=sentences, loaded_terms=terms))


def test_wire_dateline_and_byline_credit_are_recognised():
    assert has_wire_credit(bare("w", "Mensa Wire", None, None, WIRE_TEXT))
    assert has_wire_credit(bare("m", "Meridian", None, None, "Meridian News Agency: Police in Lisova fired..."))
    assert has_wire_credit(bare("r", "X", None, None, "LONDON (Reuters) - Shares fell on Monday."))
    assert has_wire_credit(bare("md", "V", None, None, "# Title\n\nSALVEN, Sept 5 (Merovia Voice) — Nine men."))
    assert not has_wire_credit(bare("p", "Herald", None, None, BRIDGE["bridge-herald"][3]))


def test_undated_wire_original_is_not_the_copy():
    wire = bare("a-wire", "Mensa Wire", None, None, WIRE_TEXT)
    reprint = bare("z-reprint", "Daily Sentinel", "2025-03-11T12:00:00+01:00", "Bridge collapse kills four",
                   REPRINT_TEXT)
    for items in ([wire, reprint], [reprint, wire]):
        copies = find_copies(items)
        assert [(c.article, c.copy_of) for c in copies] == [("z-reprint", "a-wire")]


def test_copy_direction_without_dates_falls_back_to_completeness_then_ingestion():
    full = bare("b-full", "One", None, None, BRIDGE["bridge-herald"][3] + " Schools stay shut on Wednesday.")
    short = bare("a-short", "Two", None, None, BRIDGE["bridge-herald"][3])
    assert compare_originality(full, short) < 0 < compare_originality(short, full)
    same_a = bare("a1", "One", None, None, BRIDGE["bridge-herald"][3])
    same_b = bare("b1", "Two", "2025-03-11", None, BRIDGE["bridge-herald"][3])
    same_a.article.ingested_at, same_b.article.ingested_at = "2025-03-11T09:00:00", "2025-03-11T10:00:00"
    assert compare_originality(same_a, same_b) < 0  # one date missing, no credit, same length: ingestion order
    dated_a = bare("c1", "One", "2025-03-11T10:00:00+00:00", None, WIRE_TEXT)
    dated_b = bare("c2", "Two", "2025-03-11T10:30:00+02:00", None, REPRINT_TEXT)  # 08:30 UTC: earlier
    assert compare_originality(dated_b, dated_a) < 0  # both dated: the earlier wins, whatever the credit


def test_a_reprint_crediting_the_agency_copies_it():
    """A reprint bylined or datelined with the agency's name (or its acronym) copies that agency's report, even
    when it is longer (an added paragraph) and both give only the same day."""
    agency = bare("z-agency", "Mensa Wire", "2025-03-11", None, REPRINT_TEXT)
    longer = REPRINT_TEXT + " Traffic will be diverted through the old town until further notice."
    by_dateline = bare("a-daily", "Daily Sentinel", "2025-03-11", None, "VALDORA (MW) - " + longer)
    by_author = bare("a-herald", "Herald", "2025-03-11", None, longer)
    by_author.article.meta["author"] = "Mensa Wire"
    for reprint in (by_dateline, by_author):
        assert compare_originality(agency, reprint) < 0 < compare_originality(reprint, agency)
        assert [(c.article, c.copy_of) for c in find_copies([reprint, agency])] == [(reprint.article.id, "z-agency")]
    own = bare("a-own", "Mensa Wire", "2025-03-11", None, "VALDORA (MW) - " + longer)  # its own dateline
    assert compare_originality(own, agency) < 0  # no credit of another outlet: the more complete text


def test_same_day_reports_are_ordered_by_time_when_both_give_one():
    early = bare("z-early", "One", "2025-03-11T09:00:00-05:00", None, REPRINT_TEXT)
    late = bare("a-late", "Two", "2025-03-11T12:30:00+00:00", None, REPRINT_TEXT + " More detail came later.")
    assert compare_originality(early, late) > 0  # 12:30 UTC is before 14:00 UTC
    day_only = bare("b-day", "Three", "2025-03-11", None, REPRINT_TEXT.rsplit(". ", 1)[0] + ".")
    assert compare_originality(early, day_only) < 0  # same day, no time on one: not "earlier", the more complete


def test_undated_original_stays_an_outlet(tmp_path, analysed):
    from newsprism.analyze import analyze_articles

    wire = make_article("a-wire", "Mensa Wire", None, None, WIRE_TEXT)
    reprint = make_article("z-reprint", "Daily Sentinel", "2025-03-11T12:00:00+01:00", "Bridge collapse kills four",
                           REPRINT_TEXT)
    items = [AnalyzedArticle(a, x) for a, x in zip([wire, reprint], analyze_articles([wire, reprint]))]
    store = SQLiteStore(str(tmp_path / "wire.db"))
    StoryGrouper(store, Settings(story_window_days=4.0)).add(items + [analysed["bridge-courier"]])
    (story,) = stories_to_json(store)["stories"]
    assert [(c["article"], c["copy_of"]) for c in story["copies"]] == [("z-reprint", "a-wire")]
    assert "Mensa Wire" in story["outlets"] and story["copy_outlets"] == ["Daily Sentinel"]


def test_title_avoids_loaded_headline_in_any_order():
    text = BRIDGE["bridge-herald"][3]
    loaded = bare("a-loaded", "Tabloid", "2025-03-11T07:00:00", "Killer bridge fiasco: corrupt officials let four die",
                  "Corrupt officials let a crumbling bridge kill four. " + text, loaded=("corrupt", "crumbling"))
    neutral = bare("b-neutral", "Herald", "2025-03-11T08:00:00", "Bridge collapse in Valdora kills four", text)
    other = bare("c-other", "Courier", "2025-03-11T10:00:00", "Four dead as Valdora bridge falls into Mensa river",
                 BRIDGE["bridge-courier"][3])
    items = [loaded, neutral, other]
    for order in itertools.permutations(items):
        ids = [x.article.id for x in sorted(order, key=lambda x: x.article.published)]
        # the loaded outlet published first, yet the earliest neutral headline is chosen
        assert story_title(list(order), ids, set()) == "Bridge collapse in Valdora kills four"


def test_title_prefers_original_over_copy_and_falls_back_to_first_sentence():
    text = BRIDGE["bridge-herald"][3]
    copy = bare("a-copy", "Reprint", "2025-03-11T07:00:00", "Four killed in Valdora bridge collapse", text)
    original = bare("b-orig", "Herald", "2025-03-11T08:00:00", "Bridge collapse in Valdora kills four", text)
    assert story_title([copy, original], ["a-copy", "b-orig"], {"a-copy"}) == "Bridge collapse in Valdora kills four"
    untitled = bare("c-none", "Wire", None, None, text)
    assert story_title([untitled], ["c-none"], set()).startswith("A road bridge over the Mensa river collapsed")


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_examples_titles_are_neutral_and_the_undated_wire_is_the_original(tmp_path):
    """Our own corpus (examples/, answer key examples/README.md): the trawler and blackout stories are not titled
    from the "pirates" and "fiasco" headlines; Coastline Wire (undated, agency dateline) is the original that The
    Daily Sentinel copies, and stays an outlet."""
    from newsprism.pipeline import ingest

    store = SQLiteStore(str(tmp_path / "examples.db"))
    ingest([str(EXAMPLES)], store, Settings())
    stories = stories_to_json(store)["stories"]
    titles = [s["title"] or "" for s in stories]
    assert not any(w in t.lower() for t in titles for w in ("pirates", "kidnap", "fiasco", "mob"))
    (blackout,) = [s for s in stories if "Coastline Wire" in s["outlets"] + s["copy_outlets"]]
    assert "Coastline Wire" in blackout["outlets"] and blackout["copy_outlets"] == ["The Daily Sentinel"]
    by_id = {a["id"]: a for a in blackout["articles"]}
    assert [(by_id[c["article"]]["outlet"], by_id[c["copy_of"]]["outlet"]) for c in blackout["copies"]] == [
        ("The Daily Sentinel", "Coastline Wire")
    ]
    groups = sorted(sorted(a["outlet"] for a in s["articles"]) for s in stories)
    assert len(groups) == 5 and sum(len(g) == 1 for g in groups) == 2  # A, B, C and the two look-alike fires
