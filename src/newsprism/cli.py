"""The command line: each command is one library call, spoken. `--json` prints one versioned document."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import click

from . import pipeline
from .errors import NewsprismError
from .model import IngestResult
from .settings import Settings
from .store import open_store

DB_HELP = "Store: a SQLite file path (default newsprism.db) or postgresql://… (env NEWSPRISM_DB)."


def _settings(**overrides) -> Settings:
    return Settings.from_env(**overrides)


def _store(db: str | None, create: bool = True):
    """The store; with create=False a SQLite file must exist already (a mistyped --db is an error, not a new
    empty store)."""
    path = db or _settings().db
    if not create and "://" not in path and path != ":memory:" and not Path(path).exists():
        raise NewsprismError(f"no store at {path}: run `newsprism ingest PATH --db {path}` first")
    return open_store(path)


def _print_json(document: dict) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def _terminal_width() -> int:
    import shutil

    return max(60, min(shutil.get_terminal_size((80, 24)).columns, 160))


db_option = click.option("--db", envvar="NEWSPRISM_DB", default=None, help=DB_HELP)
json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsprism")
def cli() -> None:
    """newsprism: one news story through every outlet that covered it.

    Ingest articles (files, folders, URLs, feeds, JSON/CSV dumps), group them into stories, and compare
    how each outlet covered a story: facts, omissions, conflicts, quotes, framing and lineage.
    """


# --- ingest ----------------------------------------------------------------------------------------
class _Progress:
    """A one-line live counter on stderr when it is a terminal; rejected inputs always get their own line."""

    def __init__(self):
        self.live = sys.stderr.isatty()
        self.counts: dict[str, int] = {}

    def __call__(self, result: IngestResult) -> None:
        self.counts[result.status] = self.counts.get(result.status, 0) + 1
        if result.status == "rejected":
            self._clear()
            click.echo(f"newsprism: rejected {result.source}: {result.reason}", err=True)
        if self.live:
            done = sum(self.counts.values())
            click.echo(f"\r{done} inputs: " + ", ".join(f"{n} {s}" for s, n in sorted(self.counts.items())),
                       err=True, nl=False)

    def _clear(self) -> None:
        if self.live:
            click.echo("\r\033[K", err=True, nl=False)

    def close(self) -> None:
        self._clear()


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--no-analyze", is_flag=True, help="Store articles without analysing them (run `analyze` later).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes for the analysis.")
@click.option("--allow-private", is_flag=True, help="Allow URLs on private, loopback and link-local addresses.")
@click.option("--multilingual", is_flag=True, help="Group stories across languages (multilingual embeddings).")
def ingest(paths, db, no_analyze, workers, allow_private, multilingual):
    """Store articles from PATHS: files, folders (recursive), URLs, or - for stdin.

    Exit 0 when every input was stored or already present, 1 when some were rejected.
    """
    settings = _settings(allow_private=allow_private or None, multilingual=multilingual or None)
    progress = _Progress()
    with _store(db) as store:
        try:
            summary = pipeline.ingest(list(paths), store, settings, analyze=not no_analyze,
                                      group=not no_analyze, workers=workers, stdin=sys.stdin.buffer,
                                      on_result=progress)
        finally:
            progress.close()
    click.echo(summary.line(), err=True)
    sys.exit(1 if summary.rejected else 0)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: this machine's processes; ray: a Ray cluster (RAY_ADDRESS) or a local Ray.")
@click.option("--workers", type=click.IntRange(1, 1024), default=1, show_default=True,
              help="Parallel analysis workers (processes or Ray actors), each with one model instance.")
@db_option
def batch(inputs, engine, workers, db):
    """Ingest → analyze → group large INPUTS (folders, JSONL shards, files) as a batch pipeline.

    Gives the same store as `ingest` on the same inputs; an interrupted run resumes without redoing work.
    """
    from .batch import run_batch

    progress = _Progress()
    with _store(db) as store:
        try:
            summary = run_batch(list(inputs), store, _settings(), engine=engine, workers=workers,
                                on_result=progress, stdin=sys.stdin.buffer if "-" in inputs else None)
        finally:
            progress.close()
    click.echo(summary.line(), err=True)
    sys.exit(1 if summary.rejected else 0)


@cli.command()
@click.argument("ids", nargs=-1)
@db_option
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True)
def analyze(ids, db, workers):
    """Analyse stored articles again (all of them when no IDS are given), then regroup stories."""
    with _store(db, create=False) as store:
        full_ids = [store.get_article(i).id for i in ids] if ids else None
        done = pipeline.reanalyze(store, _settings(), full_ids, workers=workers, group=True)
    click.echo(f"analyze: {done} articles analysed", err=True)


# --- articles ----------------------------------------------------------------------------------------
@cli.command()
@db_option
@json_option
def articles(db, as_json):
    """List stored articles."""
    with _store(db, create=False) as store:
        rows = [a.to_json() for a in store.articles()]
    if as_json:
        _print_json({"schema": "newsprism.articles/1", "articles": rows})
    else:
        from .render import render_articles_table

        click.echo(render_articles_table(rows, width=_terminal_width()))


@cli.command()
@click.argument("article_id")
@db_option
@click.option("--analysis", is_flag=True, help="Show the analysis: actors, quotes, verbs, loaded terms, dates.")
@json_option
def show(article_id, db, analysis, as_json):
    """Show one article (an id or a unique prefix of at least 6 characters)."""
    with _store(db, create=False) as store:
        article = store.get_article(article_id)
        result = store.get_analysis(article.id, embeddings=False) if analysis else None
    if analysis and result is None:
        raise NewsprismError(f"article {article.id} has no analysis yet; run `newsprism analyze {article.id}`")
    if as_json:
        if analysis:
            _print_json({"schema": "newsprism.analysis/1", "article": article.to_json(), **result.to_json()})
        else:
            _print_json({"schema": "newsprism.article/1", "article": article.to_json(with_text=True)})
        return
    if analysis:
        from .render import render_analysis

        click.echo(render_analysis(article.to_json(with_text=True), result.to_json(), width=_terminal_width()))
    else:
        from .render import render_article

        click.echo(render_article(article.to_json(with_text=True), width=_terminal_width()))


# --- stories -----------------------------------------------------------------------------------------
@cli.command()
@db_option
@json_option
def stories(db, as_json):
    """List stories, newest first, with their outlets and copies."""
    from .stories import story_to_json

    with _store(db, create=False) as store:
        rows = [story_to_json(s, store) for s in store.stories()]
    if as_json:
        _print_json({"schema": "newsprism.stories/1", "stories": rows})
    else:
        from .render import render_stories_table

        click.echo(render_stories_table(rows, width=_terminal_width()))


@cli.command()
@click.argument("story_id")
@db_option
@json_option
def story(story_id, db, as_json):
    """One story: its articles, outlets, copies and dates."""
    from .stories import story_to_json

    with _store(db, create=False) as store:
        row = story_to_json(store.get_story(story_id), store)
    if as_json:
        _print_json({"schema": "newsprism.story/1", "story": row})
    else:
        from .render import render_story

        click.echo(render_story(row, width=_terminal_width()))


@cli.command()
@db_option
def regroup(db):
    """Rebuild every story from scratch (gives the same grouping as incremental ingest)."""
    from .stories import regroup as regroup_all

    with _store(db, create=False) as store:
        pipeline.finish_pending(store, _settings(), group=False)
        found = regroup_all(store, _settings())
    click.echo(f"regroup: {len(found)} stories", err=True)


# --- compare -----------------------------------------------------------------------------------------
@cli.command()
@click.argument("files", nargs=-1)
@click.option("--story", "story_id", default=None, help="Compare the articles of a stored story.")
@db_option
@json_option
@click.option("--md", "as_md", is_flag=True, help="Print Markdown.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write a self-contained HTML report to this file.")
def compare(files, story_id, db, as_json, as_md, html_path):
    """Compare how outlets covered one story: FILES (or URLs), or a stored --story ID.

    Without --db, files are ingested into a temporary store that is removed afterwards. Exit 1 when some FILES
    were rejected (the others are still compared). When the FILES look like several stories, the report says so.
    """
    if bool(files) == bool(story_id):
        raise click.UsageError("give either FILES to compare or --story ID")
    document, rejected = _comparison_document(files, story_id, db)
    if html_path:
        from .render import render_html

        try:
            _write_atomically(Path(html_path), render_html(document))
        except OSError as exc:
            raise NewsprismError(f"cannot write the HTML report to {html_path}: {exc.strerror or exc}") from None
        click.echo(f"compare: HTML report written to {html_path}", err=True)
    if as_json:
        _print_json(document)
    elif as_md:
        from .render import render_markdown

        click.echo(render_markdown(document))
    elif not html_path:
        from .render import render_terminal

        click.echo(render_terminal(document, width=_terminal_width()))
    if rejected:  # the comparison of the readable inputs is out; the exit says some were not (as `ingest`)
        sys.exit(1)


REPORT_SUFFIXES = (".md", ".html", ".htm", ".json")


def _comparison_document(files, story_id, db) -> tuple[dict, int]:
    """The comparison document, and how many inputs were rejected."""
    from .compare import compare as compare_articles

    settings = _settings()
    if story_id:
        with _store(db, create=False) as store:
            found = store.get_story(story_id)
            items = pipeline.load_analyzed(store, found.article_ids)
        return compare_articles(items, settings, story=found).to_json(), 0
    with tempfile.TemporaryDirectory(prefix="newsprism-") as tmp:
        with _store(db or str(Path(tmp) / "compare.db")) as store:
            progress = _Progress()
            summary = pipeline.ingest(list(files), store, settings, group=False, stdin=sys.stdin.buffer,
                                      on_result=progress)
            progress.close()
            missing_reports = [r.source for r in summary.results if r.status == "rejected"
                               and str(r.source).lower().endswith(REPORT_SUFFIXES) and not Path(r.source).exists()]
            if missing_reports:
                click.echo(f"newsprism: hint: {missing_reports[0]} was read as an article to compare; --md and "
                           "--json print to stdout (redirect with > FILE), --html takes the file to write", err=True)
            ids = list(dict.fromkeys(r.article_id for r in summary.results if r.article_id))
            if len(ids) < 2:
                raise NewsprismError(f"compare needs at least two readable articles; got {len(ids)}")
            items = pipeline.load_analyzed(store, ids)
        return compare_articles(items, settings).to_json(), len(summary.rejected)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@db_option
def serve(host, port, db):
    """The web app: stories, side-by-side comparisons, search, and the REST API under /api/v1.

    Writing over the API (POST /api/v1/articles) is on only when NEWSPRISM_TOKEN is set.
    """
    from .web import serve as serve_app

    settings = _settings()
    serve_app(db or settings.db, host, port, settings)


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def main() -> None:
    try:
        cli.main(standalone_mode=False, prog_name="newsprism")
    except click.UsageError as exc:
        exc.show()
        sys.exit(2)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("newsprism: aborted", err=True)
        sys.exit(130)
    except NewsprismError as exc:
        click.echo(f"newsprism: error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
