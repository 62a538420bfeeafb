"""The web app and HTTP API: `storyweave serve`, or `create_app(db)` for any ASGI server."""

from storyweave.web.app import create_app

__all__ = ["create_app"]
