"""The web server: a JSON API (with offline OpenAPI docs) and HTML pages over the store.

`create_app(db_url)` builds the FastAPI app; `newsreel serve` runs it with uvicorn."""

from newsreel.web.app import create_app

__all__ = ["create_app"]
