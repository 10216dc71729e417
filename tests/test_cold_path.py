"""The cold path's shortcuts (issue 18, item 2): each one skips work whose result is known
beforehand, and must give what the work would have given. Each test compares a shortcut
with the full reading it replaces, on hand-picked and random inputs."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sop_lint.model import tool_mentions
from sop_lint.reading import instructions, passage_kinds, passages
from sop_lint.reading.loader import parse_document

# Characters Markdown reads, spaces of several kinds, controls, and ordinary text.
_ALPHABET = st.sampled_from(
    [
        *"abcXYZ019 .,;:'\"?()/#@-+=$%^{}\t\n\r\\`*_~[]!<>&|",
        "\u00a0", "\u2028", "\x85", "\x0b", "é", "ß", "İ", "Σ", "\u0301", "\u05d0", "\u200b", "\ufeff", "\U0001f600",
        "1.", "1)", "- ", "# ", "www.x.com", "http://a.b", "a@b.co", "&amp;", "  ", "==", "--", "**",
    ]
)
_TEXTS = st.lists(_ALPHABET, min_size=1, max_size=30).map("".join)


@settings(max_examples=3000)
@given(text=_TEXTS)
def test_a_plain_item_is_one_paragraph_of_its_own_text(text):
    """What `PLAIN_LINE` lets through, the parser reads as one paragraph whose text nodes
    are the item itself, from its first byte to its last: the passage `_read_items` makes
    without the parser."""
    if not passage_kinds.PLAIN_LINE.match(text):
        return
    [paragraph] = instructions._parser().tree(text).children
    assert paragraph.name == "paragraph"
    nodes = paragraph.children
    assert [node.name for node in nodes] == ["text"] * len(nodes)
    assert "".join(node.meta["content"] for node in nodes) == text
    assert (nodes[0].srcmap[0], nodes[-1].srcmap[1]) == (0, len(text.encode()))


def _items_document(items: list[str]):
    body = "".join(f"  - {json.dumps(item, ensure_ascii=False)}\n" for item in items)  # JSON strings are YAML too
    raw = f"kind: sop\nid: post-reel\ntitle: Post a reel\ninstructions:\n{body}".encode()
    return parse_document("sops/post-reel.yaml", raw, positions=False)


def _read(document) -> list[tuple]:
    """Each passage of the items, with the position of each of its characters."""
    passages = instructions._read_items(document).passages
    return [(p.kind, p.in_list, p.after_colon, p.text, p.labels, [p.position(i) for i in range(len(p.text))]) for p in passages]


@settings(max_examples=300)
@given(items=st.lists(_TEXTS, min_size=1, max_size=4))
def test_items_read_without_the_parser_read_as_with_it(items):
    document = _items_document(items)
    if not isinstance(document.get("instructions"), list):
        return  # not a list of items: nothing to compare
    shortcut = _read(document)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(instructions, "PLAIN_LINE", re.compile(r"(?!)"))  # never taken
        patch.setattr(instructions, "read_plain", lambda *_: None)  # nor the line-by-line reading of Markdown items
        assert shortcut == _read(document)


# Lines of every kind a Markdown body has, and those that could take in a plain line that
# follows them: fences, HTML blocks, lists, quotes, headings, underlines, tables, indents.
_BODY_LINES = st.sampled_from(
    [
        "", "   ", "\t", "Open Buffer and sign in with your own account", "Click Publish when the preview looks right",
        "Check the link", "Open the app", "# Schedule the post", "## Steps", "===", "---", "***", "- Open Buffer",
        "1. Open Buffer and sign in today", "   continued line of the item here", "    indented code block line here",
        "> Quoted tip about the tool here", "```", "~~~", "<!--", "-->", "<pre>", "</pre>", "<div>", "| a | b |",
        "| --- | --- |", "Use `code` in the step now", "Open [Buffer](https://buffer.com) and then sign in",
        "Open **Buffer** and then sign in", "Open Buffer\\", "Visit https://example.com first then sign in please",
        "[ref]: https://example.com", "Then   spaced   words   are   here",
    ]
)


@settings(max_examples=1500)
@given(lines=st.lists(_BODY_LINES, min_size=1, max_size=8), words=st.integers(1, 6))
def test_a_plain_paragraph_found_without_the_reader_is_read_so_by_it(lines, words):
    """When `has_plain_paragraph` says a body holds a paragraph of `words` words, the reader
    finds at least that many in its passages other than headings (what `tool_use_of`
    counts): the summary may then skip the reader."""
    body = "\n".join(lines)
    if not passage_kinds.has_plain_paragraph(body, words):
        return
    read = instructions._read_markdown(body, passages.TextSource(body.encode(), 1)).passages
    assert any(p.kind is passage_kinds.PassageKind.PARAGRAPH and len(p.text.split()) >= words for p in read)



@settings(max_examples=500)
@given(items=st.lists(_TEXTS, min_size=1, max_size=4))
def test_items_plainly_holding_enough_words_hold_them_for_the_reader(items):
    """The YAML side of the same shortcut: a plain item of five words is a passage of them."""
    document = _items_document(items)
    if tool_mentions._plainly_enough_words(document, document.get("instructions")):
        assert tool_mentions._enough_words(instructions.read_instructions(document).passages)
