"""The web app and REST API: browse stories, compare coverage side by side, search, ingest over HTTP.

`create_app(db, settings)` builds the FastAPI app; `serve(db, host, port, settings)` runs it with uvicorn.
Routes, authentication and the safety rules are described in docs/web.md.
"""

from .app import create_app, serve

__all__ = ["create_app", "serve"]
