"""Conflicts recovered with general rules (invented sentences, hand-built analyses): interview credits in
several phrasings, places on named streets and squares, and the lead's head count of the main event."""

from __future__ import annotations

from newsprism.compare import compare
from newsprism.compare.features import build_view
from newsprism.compare.sources import find_attributions

from compare_helpers import make_item

QUOTE = "“The new tax will close every small bakery in the valley,”"


def _sources(result):
    return [c for c in result.conflicts if c.kind == "source"]


def test_credit_phrasings_are_read():
    item = make_item("a", "Mayor Lena Ostrova spoke to the Coastline Wire after the vote. "
                     f"{QUOTE} she told our correspondent. "
                     "She repeated the claim in an interview with foreign media. "
                     "Speaking to Northfield Daily News, she said the fight would go on.",
                     outlet="Coastline Wire", actors={"Lena Ostrova": "PERSON"})
    found = {(a.sentence, a.value, a.self_source, a.vague) for a in find_attributions(build_view(item, "Coastline Wire"))}
    assert (0, "Coastline Wire", True, False) in found
    assert (1, "Coastline Wire", True, False) in found
    assert (2, "foreign media", False, True) in found
    assert (3, "Northfield Daily News", False, False) in found


def test_same_quote_told_to_different_sources_is_one_conflict():
    a = make_item("a", "Farmers blocked the main road into Velmora on Friday. "
                  f"{QUOTE} union leader Tomas Reyk told Meridian News Agency.", outlet="Meridian News Agency",
                  actors={"Velmora": "GPE", "Tomas Reyk": "PERSON"})
    b = make_item("b", "Farmers blocked the main road into Velmora on Friday. "
                  f"{QUOTE} union leader Tomas Reyk told our correspondent.", outlet="Kestrel Times",
                  actors={"Velmora": "GPE", "Tomas Reyk": "PERSON"})
    c = make_item("c", "Farmers blocked the main road into Velmora on Friday. "
                  f"{QUOTE} union leader Tomas Reyk said in an interview with foreign media.", outlet="The Lantern",
                  actors={"Velmora": "GPE", "Tomas Reyk": "PERSON"})
    sources = _sources(compare([a, b, c]))
    assert len(sources) == 1, [s.summary for s in sources]
    assert {cl.article: cl.value for cl in sources[0].claims} == {
        "a": "Meridian News Agency", "b": "Kestrel Times", "c": "foreign media"}
    assert "interview" in sources[0].summary


def test_different_statements_told_to_different_outlets_are_no_conflict():
    a = make_item("a", "Farmers blocked the main road into Velmora on Friday. "
                  f"{QUOTE} union leader Tomas Reyk told Meridian News Agency.", outlet="Meridian News Agency",
                  actors={"Velmora": "GPE", "Tomas Reyk": "PERSON"})
    b = make_item("b", "Farmers blocked the main road into Velmora on Friday. "
                  "“We will stay on the road until the minister comes to see us,” union leader Tomas Reyk told "
                  "our correspondent.", outlet="Kestrel Times", actors={"Velmora": "GPE", "Tomas Reyk": "PERSON"})
    assert not _sources(compare([a, b]))
