"""The comparison on real analyses: the seed pair from ../shared/samples and invented articles."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from newsprism.compare import compare
from newsprism.model import AnalyzedArticle, Article

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
pytestmark = pytest.mark.slow


def _analyze(texts: dict[str, str]) -> list[AnalyzedArticle]:
    from newsprism.analyze import analyze_articles

    articles = [Article(id=hashlib.sha256(t.encode()).hexdigest()[:16], text=t, source=name, words=len(t.split()))
                for name, t in texts.items()]
    return [AnalyzedArticle(a, x) for a, x in zip(articles, analyze_articles(articles))]


@pytest.fixture(scope="module")
def seeds():
    files = sorted(SAMPLES.glob("*.txt")) if SAMPLES.is_dir() else []
    if len(files) < 2:
        pytest.skip(f"seed samples not found at {SAMPLES}")
    items = _analyze({f.name: f.read_text(encoding="utf-8") for f in files})
    afghan = next(i for i in items if "IRNA" in i.article.text)
    iran_press = next(i for i in items if i is not afghan)
    return compare(items), afghan.article.id, iran_press.article.id


def _shared(result, a_words, b_words, a_id, b_id):
    for fact in result.facts:
        if fact.kind != "consensus":
            continue
        a_text = " ".join(e.text for e in fact.evidence if e.article == a_id).lower()
        b_text = " ".join(e.text for e in fact.evidence if e.article == b_id).lower()
        if any(w in a_text for w in a_words) and any(w in b_text for w in b_words):
            return fact
    return None


def test_seed_shared_facts(seeds):
    result, afghan, iran_press = seeds
    assert _shared(result, ["destabilize", "instability"], ["stability", "isis"], afghan, iran_press)
    assert _shared(result, ["neighbo"], ["neighbo"], afghan, iran_press)
    assert _shared(result, ["pakistan", "kabul"], ["pakistan", "kabul"], afghan, iran_press)
    assert sum(f.kind == "consensus" for f in result.facts) >= 3


def test_seed_only_the_afghan_outlet_reports_the_missile_strike(seeds):
    result, afghan, iran_press = seeds
    omitted = {o.fact: o for o in result.omissions if o.article == iran_press}
    for words in ("Balochistan", "recalled its ambassador"):
        fact = next(f for f in result.facts if any(words in e.text for e in f.evidence))
        assert fact.reported_by == [afghan] and fact.kind == "unique"
        assert fact.id in omitted
    assert not any(o.article == iran_press and "Balochistan" in o.text and o.reported_by_others != 1
                   for o in result.omissions)


def test_seed_source_conflict_irna_vs_iran_press(seeds):
    result, afghan, iran_press = seeds
    sources = [c for c in result.conflicts if c.kind == "source"]
    assert len(sources) == 1
    values = {cl.article: cl.value for cl in sources[0].claims}
    assert values == {afghan: "IRNA", iran_press: "Iran Press"}
    assert any(e.kind == "cites" and e.source == "IRNA" and e.target == afghan for e in result.lineage.edges)
    # the Afghan outlet credits IRNA, Iran Press says the interview was its own: no original is named over that
    assert result.lineage.original is None
    assert "IRNA" in result.lineage.reason and result.labels[iran_press] in result.lineage.reason
    assert not [c for c in result.conflicts if c.kind in ("number", "negation", "place")]


def test_seed_framing_of_iran_press(seeds):
    result, afghan, iran_press = seeds
    framing = next(f for f in result.framing if f.article == iran_press)
    labels = {x["label"] for x in framing.actor_labels}
    assert any("occupiers" in label for label in labels)  # the appositive "as yesterday's occupiers"
    # a label names its actor: never the actor's own name, never what the actor is said to do
    assert all(x["label"].lower() != x["actor"].lower() and "takfiri" not in x["label"].lower()
               for x in framing.actor_labels)
    assert "conspiracy" not in labels
    terms = {t["term"].lower() for t in framing.loaded_terms}
    if not terms:
        pytest.skip("the analysis stage finds no loaded terms yet")
    assert {"occupiers", "invaders", "plotting", "conspiracy", "takfiri"} <= terms
    verbs = framing.reporting_verbs
    distancing = {x["verb"].lower() for x in verbs["examples"] if x["stance"] == "distancing"}
    assert {"claimed", "argued", "accusing"} <= distancing
    assert verbs["distancing"] >= 3
    other = next(f for f in result.framing if f.article == afghan)
    assert other.reporting_verbs["distancing"] < verbs["distancing"]


def test_seed_summary_cites_both_outlets_and_stays_short(seeds):
    result, afghan, iran_press = seeds
    assert 3 <= len(result.summary) <= 6
    both = [s for s in result.summary if set(s.sources) == {afghan, iran_press}]
    assert len(both) >= 2 and all(not s.single_source for s in both)
    # a sentence cites only the outlets whose own sentence says what its wording says; one source is marked
    assert all(s.single_source for s in result.summary if len(s.sources) < 2)
    # the Afghan lead ("support terrorism, especially ISIS") is not a source for Iran Press's ISIS Khorasan base
    khorasan = [s for s in result.summary if "Khorasan" in s.text]
    assert all(s.sources == [iran_press] for s in khorasan)
    assert not any("Balochistan" in s.text for s in result.summary)


def test_seed_comparison_is_fast_when_analysed(seeds):
    result, _a, _b = seeds
    start = time.perf_counter()
    compare(result.items)
    assert time.perf_counter() - start < 0.3


def test_invented_story_with_real_analysis():
    items = _analyze({
        "wire.txt": "A fire destroyed the Orlen textile warehouse in Dunmore on Sunday night. "
                    "Firefighters said 40 workers were evacuated before the roof collapsed. "
                    "The cause of the fire is not yet known.",
        "gazette.txt": "A large fire destroyed the Orlen textile warehouse in Dunmore late on Sunday. "
                       "Firefighters said 25 workers were evacuated before the roof collapsed. "
                       "Local residents complained about thick smoke over the harbour for hours.",
    })
    result = compare(items)
    fire = next(f for f in result.facts if any("destroyed" in e.text for e in f.evidence))
    assert fire.kind == "consensus"
    numbers = [c for c in result.conflicts if c.kind == "number"]
    assert numbers and {cl.value for cl in numbers[0].claims} >= {"40 workers", "25 workers"}
    assert any("smoke" in o.text for o in result.omissions if o.article == items[0].article.id)


def test_shares_told_with_other_verbs_align_and_conflict():
    """Two outlets word the same results differently ("took 54 percent" / "won 51 percent", a short "Turnout was
    58 percent."): each figure still meets its counterpart, and the disputed ones stay out of the summary."""
    items = _analyze({
        "coastal.txt": "Challenger Mira Osk won the mayoral election in Dunmore on Sunday, the electoral board said "
                       "on Monday. Osk took 54 percent of the vote against the sitting mayor Piet Varga. "
                       "Turnout was 61 percent, the board said. Varga said he would accept the result.",
        "metro.txt": "Sitting mayor Piet Varga conceded defeat in the Dunmore mayoral election to Mira Osk on "
                     "Monday. Osk won 51 percent of the vote. Varga said irregularities in two districts had "
                     "cost him votes but that he would not go to court. Turnout was 58 percent.",
    })
    result = compare(items)
    disputes = sorted(c.summary for c in result.conflicts if c.kind == "number")
    assert len(disputes) == 2
    assert "54 percent of the vote" in disputes[0] and "51 percent of the vote" in disputes[0]
    assert "61 percent" in disputes[1] and "58 percent" in disputes[1]
    summary = " ".join(s.text for s in result.summary)
    assert "percent" not in summary


def _conflicts(items, kind: str):
    return [c for c in compare(items).conflicts if c.kind == kind]


def _published(items, *days):
    for item, day in zip(items, days):
        item.article.published = day
    return items


def test_a_later_day_for_the_same_happening_is_a_date_dispute():
    """A report of Tuesday's fire (published Tuesday) and one that dates the same fire Wednesday (published
    Wednesday): the same happening with the same figure is a dispute, not a later development. Two meetings of
    the same people on two days, each reported the day it happened, stay two events."""
    fire = _published(_analyze({
        "wire.txt": "A fire tore through the Corvo paint plant in Aldery on Tuesday, March 10, killing three "
                    "workers and forcing about 4,200 residents from their homes, officials said. Crews fought "
                    "the blaze for six hours.",
        "courier.txt": "Five workers were killed early Wednesday, March 11, when fire swept through the Corvo "
                       "paint plant in Aldery, and about 4,200 residents were ordered out of their homes. The "
                       "cause is not yet known.",
    }), "2026-03-10", "2026-03-11")
    dates = _conflicts(fire, "date")
    assert dates and {c.value for c in dates[0].claims} == {"2026-03-10", "2026-03-11"}
    meetings = _published(_analyze({
        "first.txt": "President Mara Lind and Speaker Tom Vey met at the palace on Sunday, March 8, as talks on "
                     "the budget stalled. Aides said little progress was made.",
        "second.txt": "President Mara Lind and Speaker Tom Vey met again on Thursday, March 12, in a new attempt "
                      "to break the budget impasse. Both sides described the talks as frank.",
    }), "2026-03-08", "2026-03-12")
    assert not _conflicts(meetings, "date")


def test_a_negation_told_another_way_is_no_dispute():
    items = _analyze({
        "a.txt": "\"The heat was so intense that our crews could not get within 100 yards of that building for "
                 "the first two hours,\" fire chief Dana Whit said. The plant was evacuated.",
        "b.txt": "\"For the first two hours the heat kept our crews 100 yards back from that building,\" fire chief "
                 "Dana Whit said. The plant was evacuated.",
    })
    assert not _conflicts(items, "negation")
    items = _analyze({
        "a.txt": "Velt Steel will close its Aldery plant next year, the industry minister said on Friday.",
        "b.txt": "Velt Steel will not close its Aldery plant next year, the industry minister said on Friday.",
    })
    assert _conflicts(items, "negation")


def test_undated_leads_that_give_two_weekdays_for_one_verdict_disagree():
    """No publication dates: "on Tuesday" and "on Monday" stay weekdays, and two leads telling one happening
    (the sentence) on two weekdays are a date dispute; the datelines' "March 10" is when each was filed, not a
    day in common. Two leads about two happenings ("closing arguments on Monday", "go to the polls Tuesday")
    are not."""
    verdict = _analyze({
        "wire.txt": "TARNHOLM, March 10 (Norrland Press Agency) - A court in Tarnholm on Tuesday sentenced former "
                    "governor Edvin Maraszek to seven years in prison for taking bribes from a road builder. "
                    "His lawyer said he would appeal.",
        "vale.txt": "TARNHOLM, March 10 (Vale Observer) - Former governor Edvin Maraszek was convicted of bribery "
                    "on Monday and sentenced to seven years in prison by a court in Tarnholm. He denies wrongdoing.",
    })
    dates = _conflicts(verdict, "date")
    assert dates and sorted(c.value for c in dates[0].claims) == ["Monday", "Tuesday"]
    vote = _analyze({
        "a.txt": "Senator Mara Lind and her rival Tom Vey made their closing arguments to voters on Monday, a day "
                 "before the special election in Aldery. Both held rallies in the capital.",
        "b.txt": "Voters in Aldery go to the polls Tuesday to choose between Senator Mara Lind and Tom Vey in a "
                 "special election. Turnout is expected to be low.",
    })
    assert not _conflicts(vote, "date")


def test_a_sentence_length_is_compared_with_the_sentence_length_not_with_another_span_of_time():
    items = _analyze({
        "wire.txt": "A court in Tarnholm on Tuesday sentenced Edvin Maraszek, the former governor of the Oster "
                    "Vale region, to seven years in prison for taking bribes. His lawyer said he would appeal.",
        "herald.txt": "Edvin Maraszek, who ran the Oster Vale region for eight years, was handed a nine-year prison "
                      "term in Tarnholm on Tuesday for taking bribes. He denies wrongdoing.",
    })
    numbers = _conflicts(items, "number")
    assert len(numbers) == 1
    assert sorted(c.value for c in numbers[0].claims) == ["nine-year", "seven years"]
