"""Every accepted format, read from real files, with the fields each one carries."""

from __future__ import annotations

import json

STORM_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Storm cuts power to 40,000 homes | Coastline Wire</title>
<meta property="og:site_name" content="Coastline Wire">
<meta property="og:title" content="Storm cuts power to 40,000 homes">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<link rel="canonical" href="https://coastline.example/2024/03/storm"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="ad">Subscribe now for only $1 a week!</div>
<article><h1>Storm cuts power to 40,000 homes</h1>
<p>A powerful storm struck the eastern coast on Tuesday, cutting power to 40,000 homes and flooding the harbour
district, officials said.</p>
<p>The mayor, Jane Ortiz, said emergency crews had rescued 12 people from their cars overnight and that schools
would stay closed until Thursday.</p>
<p>Forecasters expect the storm to weaken as it moves inland, but warned of further flooding along the river
valleys over the weekend.</p></article>
<footer>Copyright 2024 Coastline Wire. All rights reserved. Privacy policy. Terms of use.</footer></body></html>"""

STORM_RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Coastline Wire</title><link>https://coastline.example/</link>
<language>en</language>
<item><title>Storm cuts power</title><link>https://coastline.example/storm</link>
<pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;A storm struck the &lt;b&gt;eastern coast&lt;/b&gt; on Tuesday, officials said.&lt;/p&gt;&lt;p&gt;Schools stay closed.&lt;/p&gt;</description></item>
<item><title>Harbour reopens</title><link>https://coastline.example/harbour</link>
<pubDate>Wed, 06 Mar 2024 10:30:00 GMT</pubDate>
<description>The harbour reopened on Wednesday after the storm passed and the water receded.</description></item>
</channel></rss>"""

STORM_ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Meridian Daily</title><id>urn:x</id><updated>2024-03-06T00:00:00Z</updated>
<entry><title>Storm aftermath</title><id>urn:1</id><link href="https://meridian.example/a1"/>
<published>2024-03-06T09:15:00+01:00</published><updated>2024-03-06T09:15:00+01:00</updated>
<summary>Short teaser.</summary>
<content type="html">&lt;p&gt;Clean-up crews worked through the night after the storm flooded the harbour district.&lt;/p&gt;</content>
</entry></feed>"""


def test_plain_text_keeps_text_and_infers_a_headline(tmp_path, read):
    path = tmp_path / "storm.txt"
    path.write_text("Storm cuts power to 40,000 homes\n\nA powerful storm struck the coast on Tuesday.\n", "utf-8")
    [article], errors = read([path])
    assert errors == []
    assert article.source == str(path)
    assert article.title == "Storm cuts power to 40,000 homes"
    assert article.meta["title_from"] == "first line"
    assert article.text.endswith("struck the coast on Tuesday.")
    assert article.words == 14
    assert article.language == "en"
    assert len(article.id) == 16


def test_plain_text_without_headline_has_no_title(tmp_path, read):
    path = tmp_path / "plain.txt"
    path.write_text("A powerful storm struck the coast on Tuesday, cutting power to many homes.\nMore text.\n")
    [article], _ = read([path])
    assert article.title is None


def test_markdown_front_matter_and_markup(tmp_path, read):
    path = tmp_path / "storm.md"
    path.write_text(
        "---\ntitle: Storm cuts power\ndate: 2024-03-05\npublisher: Coastline Wire\n---\n"
        "A **powerful** storm struck the [eastern coast](https://x.example) on Tuesday.\n\n- Schools closed\n",
        "utf-8",
    )
    [article], errors = read([path])
    assert errors == []
    assert (article.title, article.published, article.outlet) == ("Storm cuts power", "2024-03-05", "Coastline Wire")
    assert article.text == "A powerful storm struck the eastern coast on Tuesday.\n\nSchools closed"


def test_markdown_heading_is_the_title(tmp_path, read):
    path = tmp_path / "storm.md"
    path.write_text("# Storm cuts power\n\nA storm struck the coast on Tuesday, officials said.\n", "utf-8")
    [article], _ = read([path])
    assert article.title == "Storm cuts power"
    assert article.meta["title_from"] == "heading"
    assert article.text == "A storm struck the coast on Tuesday, officials said."


def test_html_main_text_without_boilerplate(tmp_path, read):
    path = tmp_path / "storm.html"
    path.write_text(STORM_HTML, "utf-8")
    [article], errors = read([path])
    assert errors == []
    assert article.title == "Storm cuts power to 40,000 homes"
    assert article.outlet == "Coastline Wire"
    assert article.meta["outlet_from"] == "html metadata"
    assert article.published.startswith("2024-03-05")
    assert article.url == "https://coastline.example/2024/03/storm"
    assert "rescued 12 people" in article.text
    assert article.text.startswith("A powerful storm")
    for boilerplate in ("Subscribe", "Home", "Privacy policy", "All rights reserved"):
        assert boilerplate not in article.text


def test_html_keeps_the_publication_time_of_its_day(tmp_path, read):
    """Two reports of one day can be ordered only by their time: the page's own timestamp is kept when it falls
    on the day found; a timestamp of another day (an update) is not taken."""
    path = tmp_path / "storm.html"
    path.write_text(STORM_HTML, "utf-8")
    [article], _ = read([path])
    assert article.published == "2024-03-05T08:00:00+00:00"
    updated = STORM_HTML.replace('<link rel="canonical"', '<meta property="article:modified_time" '
                                 'content="2024-03-09T10:00:00Z"><link rel="canonical"')
    path.write_text(updated.replace("2024-03-05T08:00:00Z", "2024-03-05"), "utf-8")
    [article], _ = read([path])
    assert article.published == "2024-03-05"


def test_html_in_a_legacy_encoding(tmp_path, read):
    page = STORM_HTML.replace('charset="utf-8"', 'charset="windows-1252"').replace("Jane Ortiz", "José Ortíz")
    path = tmp_path / "legacy.htm"
    path.write_bytes(page.encode("cp1252"))
    [article], errors = read([path])
    assert errors == []
    assert "José Ortíz" in article.text


def test_json_object_and_list(tmp_path, read):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"headline": "Storm", "body": "A storm struck the coast.", "site": "Coastline Wire",
                               "published_at": "2024-03-05T08:00:00Z", "link": "https://c.example/s", "id": 7}))
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "First article text here."}, {"content": "Second article text here."}]))
    articles, errors = read([one, many])
    assert errors == []
    first = articles[0]
    assert (first.source, first.title, first.outlet, first.url) == (str(one), "Storm", "Coastline Wire", "https://c.example/s")
    assert first.published == "2024-03-05T08:00:00+00:00"
    assert first.meta["record_id"] == "7"
    assert [a.source for a in articles[1:]] == [f"{many}#1", f"{many}#2"]
    assert [a.text for a in articles[1:]] == ["First article text here.", "Second article text here."]


def test_json_wrapper_object_with_articles_list(tmp_path, read):
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"status": "ok", "articles": [
        {"title": "A", "content": "Text of A.", "source": {"id": None, "name": "Meridian Daily"}}]}))
    [article], errors = read([path])
    assert errors == []
    assert article.outlet == "Meridian Daily"
    assert article.source == f"{path}#1"


def test_jsonl_numbers_records_by_line(tmp_path, read):
    path = tmp_path / "data.jsonl"
    path.write_text('{"text": "Line one text."}\n\n{"TEXT": "Line three text.", "Title": "Three"}\n')
    articles, errors = read([path])
    assert errors == []
    assert [a.source for a in articles] == [f"{path}#1", f"{path}#3"]
    assert articles[1].title == "Three"


def test_record_html_body_becomes_text(tmp_path, read):
    path = tmp_path / "data.jsonl"
    path.write_text(json.dumps({"body": "<p>First paragraph.</p><p>Second <b>bold</b> paragraph.</p>"}) + "\n")
    [article], _ = read([path])
    assert article.text == "First paragraph.\n\nSecond bold paragraph."


def test_csv_with_aliases_and_multiline_fields(tmp_path, read):
    path = tmp_path / "data.csv"
    path.write_text(
        'headline,body,date,publisher\n'
        '"Storm","A storm struck the coast.\nSchools closed, officials said.",2024-03-05,Coastline Wire\n'
        'Harbour,The harbour reopened on Wednesday.,"March 6, 2024",Meridian Daily\n',
        "utf-8",
    )
    articles, errors = read([path])
    assert errors == []
    assert [a.source for a in articles] == [f"{path}#1", f"{path}#2"]
    assert articles[0].text == "A storm struck the coast.\nSchools closed, officials said."
    assert [a.published for a in articles] == ["2024-03-05", "2024-03-06"]
    assert [a.outlet for a in articles] == ["Coastline Wire", "Meridian Daily"]


def test_tsv_and_semicolon_csv(tmp_path, read):
    tsv = tmp_path / "data.tsv"
    tsv.write_text("title\ttext\nA\tTab separated text.\n")
    semi = tmp_path / "semi.csv"
    semi.write_text("title;text\nB;Semicolon separated text, with a comma.\n")
    articles, errors = read([tsv, semi])
    assert errors == []
    assert [a.text for a in articles] == ["Tab separated text.", "Semicolon separated text, with a comma."]


def test_rss_entries(tmp_path, read):
    path = tmp_path / "feed.xml"
    path.write_text(STORM_RSS, "utf-8")
    articles, errors = read([path])
    assert errors == []
    assert [a.source for a in articles] == [f"{path}#1", f"{path}#2"]
    first = articles[0]
    assert first.text == "A storm struck the eastern coast on Tuesday, officials said.\n\nSchools stay closed."
    assert (first.title, first.url, first.outlet) == ("Storm cuts power", "https://coastline.example/storm", "Coastline Wire")
    assert first.published == "2024-03-05T08:00:00+00:00"
    assert articles[1].published == "2024-03-06T10:30:00+00:00"


def test_atom_prefers_content_over_summary(tmp_path, read):
    path = tmp_path / "feed.atom"
    path.write_text(STORM_ATOM, "utf-8")
    [article], errors = read([path])
    assert errors == []
    assert article.text == "Clean-up crews worked through the night after the storm flooded the harbour district."
    assert article.published == "2024-03-06T09:15:00+01:00"
    assert article.outlet == "Meridian Daily"
    assert article.url == "https://meridian.example/a1"


def test_unknown_extension_given_explicitly_is_sniffed(tmp_path, read):
    feed = tmp_path / "feed.download"
    feed.write_text(STORM_RSS, "utf-8")
    records = tmp_path / "export.data"
    records.write_text('[{"text": "Sniffed JSON text."}]')
    articles, errors = read([feed, records])
    assert errors == []
    assert [a.source for a in articles] == [f"{feed}#1", f"{feed}#2", f"{records}#1"]


def test_utf16_and_latin1_text(tmp_path, read):
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Grüße aus München, sagte der Bürgermeister am Dienstag.".encode("utf-16"))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("The café's façade was repainted, the mayor's office said on Tuesday.".encode("cp1252"))
    articles, errors = read([utf16, latin])
    assert errors == []
    assert articles[0].text.startswith("Grüße aus München")
    assert articles[0].language == "de"
    assert "café's façade" in articles[1].text


def test_same_content_same_id_across_formats(tmp_path, read):
    text = "A storm struck the coast on Tuesday, officials said."
    (tmp_path / "a.txt").write_text(text + "\n")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "  A storm struck the coast   on Tuesday,\nofficials said. "}) + "\n")
    articles, _ = read([tmp_path / "a.txt", tmp_path / "b.jsonl"])
    assert articles[0].id == articles[1].id


def test_a_feed_title_with_a_section_gives_the_outlet_the_domain_spells(tmp_path, read):
    path = tmp_path / "business.atom"
    channel = '<title>Meridian Daily - Business</title><link href="https://meridiandaily.example/business/"/>'
    path.write_text(STORM_ATOM.replace("<title>Meridian Daily</title>", channel), "utf-8")
    [article], _ = read([path])
    assert article.outlet == "Meridian Daily"
    from newsprism.ingest.metadata import outlet_from_feed_title

    assert outlet_from_feed_title("News - The Guardian", "https://www.theguardian.com/") == "The Guardian"
    assert outlet_from_feed_title("World | Daily", "https://x.example/") == "World | Daily"  # nothing spells x
