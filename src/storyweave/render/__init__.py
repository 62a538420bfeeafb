"""Render a Brief as terminal text, Markdown, JSON or a self-contained HTML report."""

from __future__ import annotations

import json
from collections.abc import Callable

from storyweave.model import Brief
from storyweave.render.html import render_html
from storyweave.render.markdown import render_markdown
from storyweave.render.text import render_text


def render_json(brief: Brief) -> str:
    return json.dumps(brief.to_dict(), indent=2, ensure_ascii=False) + "\n"


RENDERERS: dict[str, Callable[[Brief], str]] = {
    "text": render_text,
    "md": render_markdown,
    "json": render_json,
    "html": render_html,
}


def render(brief: Brief, fmt: str) -> str:
    try:
        return RENDERERS[fmt](brief)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(RENDERERS)}") from None
