"""Comparison documents built by hand, in the shape `newsprism compare --json` prints. The sentences are our own
wording of an envoy's interview, not text from the seed articles (tests that need those read ../shared)."""

from __future__ import annotations

import copy

import pytest

KHAAMA = "a-khaama-3c8c79a0"
IRANPRESS = "a-iranpress-bd36ac4c"
TOLO = "a-tolo-77e1f0aa"


def _article(article_id, outlet, title, url, published, paragraphs):
    """An ARTICLE dict with `text` and `sentences`, from paragraphs of (sentence, fact id or None)."""
    text, sentences = "", []
    for p, paragraph in enumerate(paragraphs):
        if p:
            text += "\n\n"
        for s, (sentence, fact) in enumerate(paragraph):
            if s:
                text += " "
            start = len(text)
            text += sentence
            sentences.append(
                {"index": len(sentences), "text": sentence, "start": start, "end": len(text), "fact": fact}
            )
    return {
        "id": article_id,
        "source": f"samples/{article_id}.txt",
        "outlet": outlet,
        "title": title,
        "url": url,
        "published": published,
        "language": "en",
        "words": len(text.split()),
        "text": text,
        "sentences": sentences,
    }


S_INSTABILITY_K = "Iran's envoy in Kabul, Hassan Kazemi-Qomi, says Washington keeps working to unsettle Afghanistan and still backs ISIS."
S_INSTABILITY_I = "Qomi said America and its NATO allies, whom he called the old occupiers, oppose a stable Afghanistan."
S_INSTABILITY_T = "Iran's envoy to Kabul said the United States wants Afghanistan to remain unstable and backs ISIS."
S_INTERVIEW_K = "The envoy spoke on Tuesday to the IRNA news agency while visiting Islamabad."
S_INTERVIEW_I = "Talking to an Iran Press reporter during a stop in Islamabad, Qomi turned to the region."
S_NEIGHBOURS_K = "Qomi said the countries around Afghanistan would suffer most from any unrest there."
S_NEIGHBOURS_I = "He warned that the fallout would cross the borders and push more migrants into nearby states."
S_NEIGHBOURS_T = "He said Afghanistan's neighbours would bear the consequences of instability."
S_PAKISTAN_K = "Qomi said Iran and Pakistan cooperate closely on developments in Kabul."
S_PAKISTAN_I = "The envoy also pointed to joint work with Pakistan on keeping Afghanistan calm."
S_PAKISTAN_T = "Iran and Pakistan are coordinating their Afghanistan policy, the envoy said."
S_MISSILE_K = "The interview came after Iran launched a missile strike on targets in Pakistan's Balochistan province."
S_MISSILE_T = "Iran this week struck what it called militant targets in Balochistan with missiles."
S_AMBASSADOR_K = "Pakistan recalled its ambassador from Tehran in response."
S_PLOTTING_I = "He claimed the invaders had left their bases but were still plotting inside the country."
S_TAKFIRI_I = "He argued that backing Takfiri groups was part of a long-running conspiracy."
S_REFUGEES_K = "He added that unrest would send a wave of refugees west to Iran, where 2 million already live."
S_REFUGEES_T = "Some 4 million Afghans now live in Iran, according to the envoy."
S_ECONOMY_K = "A worse economy would mean more poppy fields, he said."
S_ECONOMY_I = "Qomi stressed that a weak economy gives armed groups and foreign meddlers room to act."
S_TOLO_ONLY = "The Taliban have not commented on the remarks."
Q_K = "keeping Afghanistan unsettled is still the first aim of Washington"
Q_I = "keeping Afghanistan unsettled remains the aim of Washington"
Q_T = "keeping Afghanistan unsettled is still the first aim of Washington"

FACTS = [
    ("F1", S_INSTABILITY_K, [KHAAMA, IRANPRESS, TOLO], "consensus"),
    ("F2", S_NEIGHBOURS_K, [KHAAMA, IRANPRESS, TOLO], "consensus"),
    ("F3", S_PAKISTAN_K, [KHAAMA, IRANPRESS, TOLO], "consensus"),
    ("F4", S_MISSILE_K, [KHAAMA, TOLO], "partial"),
    ("F5", S_INTERVIEW_K, [KHAAMA, IRANPRESS], "partial"),
    ("F6", S_ECONOMY_K, [KHAAMA, IRANPRESS], "partial"),
    ("F7", S_AMBASSADOR_K, [KHAAMA], "unique"),
    ("F8", S_PLOTTING_I, [IRANPRESS], "unique"),
    ("F9", S_TAKFIRI_I, [IRANPRESS], "unique"),
    ("F10", S_REFUGEES_K, [KHAAMA, TOLO], "partial"),
]


def _fact_sentences(articles):
    found = {}
    for article in articles:
        for s in article["sentences"]:
            if s["fact"]:
                found.setdefault(s["fact"], []).append(
                    {"article": article["id"], "sentence": s["index"], "text": s["text"]}
                )
    return found


def build_comparison():
    khaama = _article(
        KHAAMA,
        "Khaama Press",
        "Iran's envoy: US seeks instability in Afghanistan and supports ISIS",
        "https://www.khaama.com/iran-envoy-us-instability/",
        "2024-01-17T09:30:00+04:30",
        [
            [(S_INSTABILITY_K, "F1"), (S_INTERVIEW_K, "F5")],
            [(S_NEIGHBOURS_K, "F2"), (S_REFUGEES_K, "F10"), (S_ECONOMY_K, "F6")],
            [(S_PAKISTAN_K, "F3"), (S_MISSILE_K, "F4"), (S_AMBASSADOR_K, "F7")],
        ],
    )
    iranpress = _article(
        IRANPRESS,
        "Iran Press",
        "US, NATO do not want stability in Afghanistan: Iranian envoy",
        "https://iranpress.com/content/88231",
        "2024-01-16",
        [
            [(S_INSTABILITY_I, "F1"), (S_INTERVIEW_I, "F5")],
            [(S_PLOTTING_I, "F8"), (S_TAKFIRI_I, "F9"), (S_NEIGHBOURS_I, "F2")],
            [(S_ECONOMY_I, "F6"), (S_PAKISTAN_I, "F3")],
        ],
    )
    tolo = _article(
        TOLO,
        "Tolo News",
        "Iranian envoy says US wants an unstable Afghanistan",
        "https://tolonews.com/afghanistan-186512",
        "2024-01-17",
        [
            [(S_INSTABILITY_T, "F1"), (S_NEIGHBOURS_T, "F2")],
            [(S_MISSILE_T, "F4"), (S_REFUGEES_T, "F10"), (S_PAKISTAN_T, "F3"), (S_TOLO_ONLY, None)],
        ],
    )
    articles = [khaama, iranpress, tolo]
    evidence = _fact_sentences(articles)
    facts = [
        {"id": fid, "text": text, "reported_by": by, "evidence": evidence[fid], "kind": kind}
        for fid, text, by, kind in FACTS
    ]
    return {
        "schema": "newsprism.comparison/1",
        "story": {"id": "st-9f2c1a", "title": "Iranian envoy: US seeks instability in Afghanistan"},
        "articles": articles,
        "facts": facts,
        "omissions": [
            {"article": IRANPRESS, "fact": "F4", "reported_by_others": 2},
            {"article": IRANPRESS, "fact": "F10", "reported_by_others": 2},
            {"article": IRANPRESS, "fact": "F7", "reported_by_others": 1},
            {"article": TOLO, "fact": "F5", "reported_by_others": 2},
            {"article": TOLO, "fact": "F6", "reported_by_others": 2},
            {"article": KHAAMA, "fact": "F8", "reported_by_others": 1},
        ],
        "conflicts": [
            {
                "kind": "source",
                "summary": "Who conducted the interview: the IRNA news agency or an Iran Press reporter",
                "claims": [
                    {"article": KHAAMA, "text": S_INTERVIEW_K, "value": "IRNA"},
                    {"article": IRANPRESS, "text": S_INTERVIEW_I, "value": "Iran Press reporter"},
                ],
            },
            {
                "kind": "number",
                "summary": "Afghans living in Iran: 2 million or 4 million",
                "claims": [
                    {"article": KHAAMA, "text": S_REFUGEES_K, "value": "2 million"},
                    {"article": TOLO, "text": S_REFUGEES_T, "value": "4 million"},
                ],
            },
        ],
        "quotes": [
            {"speaker": "Hassan Kazemi Qomi", "text": Q_K, "kind": "direct", "verb": "emphasized",
             "article": KHAAMA, "group": 1},
            {"speaker": "Hassan Kazemi Qomi", "text": Q_I, "kind": "direct", "verb": "said",
             "article": IRANPRESS, "group": 1},
            {"speaker": "Kazemi Qomi", "text": Q_T, "kind": "direct", "verb": "said", "article": TOLO, "group": 1},
            {"speaker": "Hassan Kazemi Qomi", "text": "backing Takfiri groups was part of a "
             "long-running conspiracy", "kind": "indirect", "verb": "argued", "article": IRANPRESS, "group": 2},
        ],
        "framing": [
            {
                "article": KHAAMA,
                "loaded_terms": [{"term": "occupation", "target": "United States", "sentence": 0}],
                "actor_labels": [],
                "reporting_verbs": {"neutral": 4, "emphasis": 2, "distancing": 0,
                                    "examples": [{"verb": "emphasized", "stance": "emphasis"},
                                                 {"verb": "said", "stance": "neutral"},
                                                 {"verb": "added", "stance": "neutral"}]},
            },
            {
                "article": IRANPRESS,
                "loaded_terms": [
                    {"term": "occupiers", "target": "United States", "sentence": 0},
                    {"term": "invaders", "target": "United States", "sentence": 2},
                    {"term": "plotting", "target": "United States", "sentence": 2},
                    {"term": "conspiracy", "target": None, "sentence": 3},
                    {"term": "Takfiri", "target": "ISIS", "sentence": 3},
                ],
                "actor_labels": [
                    {"actor": "United States", "label": "occupiers"},
                    {"actor": "United States", "label": "invaders"},
                    {"actor": "NATO", "label": "occupiers"},
                ],
                "reporting_verbs": {"neutral": 3, "emphasis": 2, "distancing": 3,
                                    "examples": [{"verb": "claimed", "stance": "distancing"},
                                                 {"verb": "argued", "stance": "distancing"},
                                                 {"verb": "accusing", "stance": "distancing"},
                                                 {"verb": "emphasized", "stance": "emphasis"},
                                                 {"verb": "stated", "stance": "neutral"}]},
            },
            {
                "article": TOLO,
                "loaded_terms": [],
                "actor_labels": [],
                "reporting_verbs": {"neutral": 3, "emphasis": 0, "distancing": 0, "examples": ["said"]},
            },
        ],
        "lineage": {
            "original": "IRNA",
            "edges": [
                {"from": "IRNA", "to": KHAAMA, "kind": "cites", "reuse": 0.0},
                {"from": KHAAMA, "to": TOLO, "kind": "rewrite", "reuse": 0.41},
                {"from": "IRNA", "to": IRANPRESS, "kind": "rewrite", "reuse": 0.18},
            ],
        },
        "summary": [
            {"text": S_INSTABILITY_K, "sources": [KHAAMA, IRANPRESS, TOLO]},
            {"text": S_NEIGHBOURS_K, "sources": [KHAAMA, IRANPRESS, TOLO]},
            {"text": S_PAKISTAN_I, "sources": [IRANPRESS, KHAAMA, TOLO]},
            {"text": S_MISSILE_K, "sources": [KHAAMA, TOLO]},
        ],
    }


SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
QUOTE = 'He said "leave" & left\'s'


def build_hostile_comparison():
    """The same story, with markup, javascript: URLs and quotes in every field a user could control."""
    doc = build_comparison()
    doc["story"]["title"] = f"Story {SCRIPT} {IMG}"
    hostile_urls = ["javascript:alert(1)", " JaVaScRiPt:alert(document.cookie)", 'https://ok.example/"><script>alert(1)</script>']
    for article, url in zip(doc["articles"], hostile_urls):
        article["title"] = f"{article['title']} {SCRIPT} {QUOTE}"
        article["outlet"] = f"{article['outlet']} {IMG}"
        article["url"] = url
        article["sentences"][0]["text"] = f"{SCRIPT} {IMG} {QUOTE} | **bold** # heading"
        article["text"] = article["text"] + f"\n\n{SCRIPT}"
    doc["facts"][0]["text"] = f"{IMG} fact {QUOTE}"
    doc["facts"][0]["evidence"][0]["text"] = SCRIPT
    doc["facts"][2]["text"] = "- | **bold** # heading [x](javascript:alert(1))"
    doc["conflicts"][0]["summary"] = f"{SCRIPT} conflict"
    doc["conflicts"][0]["claims"][0]["value"] = IMG
    doc["quotes"][0]["text"] = f"{SCRIPT} {QUOTE}"
    doc["quotes"][1]["speaker"] = IMG
    doc["framing"][1]["loaded_terms"][0]["term"] = SCRIPT
    doc["framing"][1]["actor_labels"][0]["actor"] = IMG
    doc["lineage"]["original"] = f"IRNA {SCRIPT}"
    doc["lineage"]["edges"][0]["from"] = f"IRNA {SCRIPT}"
    doc["lineage"]["edges"][2]["from"] = f"IRNA {SCRIPT}"
    doc["summary"][0]["text"] = f"{IMG} {SCRIPT} summary"
    # a fact id is text too
    doc["facts"][1]["id"] = 'F2"><script>alert(2)</script>'
    for article in doc["articles"]:
        for s in article["sentences"]:
            if s["fact"] == "F2":
                s["fact"] = doc["facts"][1]["id"]
    return doc


@pytest.fixture
def comparison():
    return build_comparison()


@pytest.fixture
def hostile_comparison():
    return copy.deepcopy(build_hostile_comparison())
