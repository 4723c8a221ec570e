from __future__ import annotations

import pytest

from community.moderation.sanitize import render_markdown
from tests.helpers import assert_safe_markup, elements


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<style>body{display:none}</style>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<div onmouseover='alert(1)'>hover</div>",
        "<svg/onload=alert(1)>",
        "<iframe src=//evil.example></iframe>",
        "<!-- <script>alert(1)</script> -->",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[x](&#0000106avascript:alert(1))",
        "[x](jav&#x09;ascript:alert(1))",
        "[x](java%0ascript:alert(1))",
        "[x](<java script:alert(1)>)",
        "[x]( javascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](data:image/png;base64,iVBORw0KGgo=)",
        "![x](data:image/svg+xml;base64,PHN2Zz4=)",
        "<javascript:alert(1)>",
        "[x][1]\n\n[1]: javascript:alert(1)",
        '[x](http://example.com" onclick="alert(1))',
        '![x" onerror="alert(1)](http://example.com/x.png)',
        "```\n</code></pre><script>alert(1)</script>\n```",
        "`<img src=x onerror=alert(1)>`",
        "> <b onclick=alert(1)>quoted</b>",
        "* <a href=javascript:alert(1)>list</a>",
    ],
)
def test_attacks_produce_no_dangerous_markup(attack):
    assert_safe_markup(render_markdown(attack))


def test_raw_html_is_shown_as_text_not_dropped():
    assert render_markdown("I typed <b>bold</b>") == "<p>I typed &lt;b&gt;bold&lt;/b&gt;</p>\n"


def test_everyday_markdown_keeps_its_formatting():
    markup = render_markdown(
        "**Bold** and *em* and `code`\n\n> a quote\n\n- one\n- two\n\n1. first\n\n```\nblock\n```\n\nline  \nbreak"
    )
    tags = [tag for tag, _ in elements(markup)]
    for tag in ("strong", "em", "code", "blockquote", "ul", "ol", "li", "pre", "br"):
        assert tag in tags
    assert_safe_markup(markup)


@pytest.mark.parametrize(
    "source",
    [
        "[site](https://example.com/a?b=c)",
        "<https://example.com>",
        "[mail](mailto:team@example.com)",
        "[rel](/about)",
    ],
)
def test_links_survive_and_get_rel(source):
    [(tag, attrs)] = [e for e in elements(render_markdown(source)) if e[0] != "p"]
    assert tag == "a"
    assert attrs["rel"] == "nofollow ugc noopener"
    assert attrs["href"]


def test_images_become_links_so_nothing_is_loaded_from_elsewhere():
    markup = render_markdown("![the offer letter](https://example.com/offer.png)")
    assert elements(markup) == [
        ("p", {}),
        ("a", {"href": "https://example.com/offer.png", "rel": "nofollow ugc noopener"}),
    ]
    assert "the offer letter" in markup


def test_headings_become_bold_paragraphs():
    assert render_markdown("# Rejected again") == "<p><strong>Rejected again</strong></p>\n"


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
