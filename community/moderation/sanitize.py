"""The one place member Markdown becomes HTML.

Markdown is rendered with raw HTML disabled, then bleach cleans the result against a small allowlist, so even a
bug in the renderer cannot let markup through that the allowlist does not name.
"""

from __future__ import annotations

from collections.abc import Sequence

from bleach.html5lib_shim import Filter
from bleach.sanitizer import Cleaner
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "a"})
ALLOWED_ATTRIBUTES = {"a": ["href"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"


class _LinkRelFilter(Filter):
    """Marks every surviving link as user content that earns no ranking and gets no window.opener."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] == "StartTag" and token["name"] == "a" and (None, "href") in token["data"]:
                token["data"] = {**token["data"], (None, "rel"): LINK_REL}
            yield token


def _render_image_as_link(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # Remote images would let an author track who reads a story, so they are shown as plain links.
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = renderer.renderInlineAsText(token.children or [], options, env) or "image"
    return f'<a href="{escapeHtml(src)}">{escapeHtml(alt)}</a>'


def _build_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.add_render_rule("image", _render_image_as_link)
    # Headings would dominate a story page; they keep their emphasis as a bold paragraph.
    md.add_render_rule("heading_open", lambda *_: "<p><strong>")
    md.add_render_rule("heading_close", lambda *_: "</strong></p>\n")
    return md


# Built once: both are costly to construct and safe to reuse between calls.
_MARKDOWN = _build_markdown()
_CLEANER = Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[_LinkRelFilter],
)


def render_markdown(text: str) -> str:
    """Render member Markdown to HTML that is safe to insert into a page unescaped."""
    if not text:
        return ""
    return _CLEANER.clean(_MARKDOWN.render(text))
