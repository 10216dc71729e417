"""The YAML parsers: the only module that imports PyYAML or ruamel.yaml.

Both compose a document into a node tree whose nodes carry `id` ('scalar', 'sequence',
'mapping'), `tag`, `value` and `start_mark` (0-based line and column). Neither decides
what an unquoted scalar means: both tag it `PLAIN_TAG`, and the loader types it by
YAML 1.2 rules, so the two parsers give the same JSON values.

libyaml (PyYAML's C parser) is the fast path, about 50 times faster than ruamel.yaml's
pure-Python one on this workload. ruamel.yaml is the reference: it re-reads each file
libyaml rejects, so each syntax finding (and each valid file libyaml misjudges) comes
from it, and it stands in where PyYAML was built without libyaml. The re-read is bounded
(`REREAD_BUDGET`): past it, libyaml's verdict and position stand.
"""

from __future__ import annotations

import dataclasses
import functools
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from sop_lint.reading.yaml_line_breaks import swap_back, swap_breaks

PLAIN_TAG = "tag:sop-lint,2026:plain"

# Collections nested deeper than this are refused: real files need a handful of levels,
# and ruamel.yaml recurses per level (it raises RecursionError near 400 and takes about a
# second per 1,000 levels of `[` before it does).
MAX_DEPTH = 200

# How many characters of a file libyaml rejects ruamel.yaml re-reads, at most. It reads
# 50,000 to 500,000 characters a second (the fewer, the more values a line holds), so a
# late error in a 1 MB file took it up to 17 s; this many take it a tenth of a second or
# two, and real process and SOP files are shorter. An error libyaml finds further into a
# file, and a file ruamel.yaml reads further without an error, get libyaml's verdict.
REREAD_BUDGET = 16_384


@dataclass(frozen=True)
class ParseError(Exception):
    """Why a document could not be composed. `line` and `column` are 0-based; `offset` is
    the character index, which stands in for them when the parser knows only that;
    `opened`, where what it was reading began (an unclosed quote's opening quote)."""

    problem: str
    context: str = ""
    line: int | None = None
    column: int | None = None
    offset: int = 0
    opened: tuple[int, int] | None = None


class TooDeep(ParseError):
    """The document nests collections more than `MAX_DEPTH` levels deep."""


Composer = Callable[[str], Any]


class Token(NamedTuple):
    """A scanner token in either parser's terms: `kind` is the token class's name without
    `Token` ('Scalar', 'FlowEntry', 'BlockMappingStart', ...); `start` and `end` are
    character offsets, `line` and `column` (0-based) where it starts, `end_line` where it
    ends; `style` is a scalar's quote or block indicator; `value` a tag's (handle, suffix)."""

    kind: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    style: str | None = None
    value: Any = None


def _yaml_12_lines(compose: Composer) -> Composer:
    """`compose` reading NEL, LS and PS as YAML 1.2 does (see `yaml_line_breaks`)."""

    @functools.wraps(compose)
    def composed(text: str) -> Any:
        swapped, back = swap_breaks(text)
        if not back:
            return compose(text)
        try:
            node = compose(swapped)
        except ParseError as error:
            raise dataclasses.replace(error, problem=error.problem.translate(back), context=error.context.translate(back)) from None
        swap_back(node, back)
        return node

    return composed


@_yaml_12_lines
def compose_libyaml(text: str) -> Any:
    import yaml

    try:
        return yaml.compose(text, Loader=_libyaml_loader())
    except yaml.MarkedYAMLError as error:
        marked = _marked(error)
        if "maximum nesting depth" in marked.problem:  # libyaml's own limit, 1,000 levels
            raise TooDeep(marked.problem, line=marked.line, column=marked.column) from None
        raise marked from None
    except yaml.YAMLError as error:
        raise ParseError(_first_line(str(error)), offset=getattr(error, "position", 0)) from None
    except RecursionError:
        raise
    except Exception as error:  # a parser bug on odd input must not stop the run
        raise ParseError(f"the YAML parser cannot read this file ({type(error).__name__}: {error})") from None


def _libyaml_depth_check(text: str) -> None:
    """Raises `TooDeep` where `text` nests beyond `MAX_DEPTH`, as far as libyaml reads it.
    Event by event, without recursion: it guards ruamel.yaml, which recurses, on the
    files libyaml rejects."""
    import yaml

    depth = 0
    try:
        for event in yaml.parse(text, Loader=_libyaml_loader()):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise TooDeep("too deep", line=event.start_mark.line, column=event.start_mark.column)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return


@_yaml_12_lines
def compose_ruamel(text: str) -> Any:
    """ruamel.yaml alone, however long the file: the reference the fast path is tested against."""
    return _compose_ruamel(text, budgeted=False)


class _OverBudget(Exception):
    """ruamel.yaml read past `REREAD_BUDGET` characters."""


def _compose_ruamel(text: str, *, budgeted: bool) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, ReusedAnchorWarning, YAMLError

    parser = YAML(typ="safe", pure=True)
    parser.Resolver = _ruamel_resolver()
    if budgeted:
        parser.Reader = _budgeted_reader()
    try:
        with warnings.catch_warnings():
            # Redefining an anchor is valid YAML; the parser's warning would only clutter stderr.
            warnings.simplefilter("ignore", ReusedAnchorWarning)
            return parser.compose(text)
    except MarkedYAMLError as error:
        raise _marked(error) from None
    except YAMLError as error:
        raise ParseError(_first_line(str(error)), offset=getattr(error, "position", 0)) from None
    except (RecursionError, _OverBudget):
        raise
    except Exception as error:  # ruamel.yaml has known crashes on odd but valid input (%YAML 1.3, complex keys)
        raise ParseError(f"the YAML parser cannot read this file ({type(error).__name__}: {error})") from None


@_yaml_12_lines
def compose_fast(text: str) -> Any:
    """libyaml, and ruamel.yaml for what libyaml rejects within `REREAD_BUDGET` characters."""
    try:
        return compose_libyaml(text)
    except TooDeep:
        raise
    except ParseError as rejected:
        _libyaml_depth_check(text)
        if rejected.offset > REREAD_BUDGET:
            raise
        try:
            return _compose_ruamel(text, budgeted=True)
        except _OverBudget:
            raise rejected from None


def scan(text: str) -> list[Token] | None:
    """The tokens of `text`, by libyaml when it can and ruamel.yaml otherwise, as the
    composers choose; None when neither can scan it."""
    text = swap_breaks(text)[0]
    if _has_libyaml():
        import yaml

        try:
            return [_token(raw) for raw in yaml.scan(text, Loader=_libyaml_loader())]
        except yaml.YAMLError:
            pass
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return [_token(raw) for raw in YAML(typ="safe", pure=True).scan(text)]
    except (YAMLError, RecursionError):
        return None


def _token(raw: Any) -> Token:
    start, end = raw.start_mark, raw.end_mark
    return Token(
        type(raw).__name__.removesuffix("Token"), start.index, end.index, start.line, start.column, end.line,
        getattr(raw, "style", None), getattr(raw, "value", None),
    )


def default_composer() -> Composer:
    """The fast path when PyYAML has libyaml, else ruamel.yaml alone."""
    return compose_fast if _has_libyaml() else compose_ruamel


@functools.cache
def _has_libyaml() -> bool:
    """Asked once per file parsed: answered once per process."""
    try:
        import yaml
    except ImportError:
        return False
    return bool(getattr(yaml, "__with_libyaml__", False))


def _marked(error: Any) -> ParseError:
    mark = error.problem_mark or error.context_mark
    return ParseError(
        problem=error.problem or error.context or "invalid YAML",
        context=error.context or "",
        line=mark.line if mark else None, column=mark.column if mark else None,
        offset=mark.index if mark else 0,
        opened=(error.context_mark.line, error.context_mark.column) if error.context_mark else None,
    )


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else "invalid YAML"


_LIBYAML_LOADER: type | None = None
_RUAMEL_RESOLVER: type | None = None
_BUDGETED_READER: type | None = None


def _libyaml_loader() -> type:
    global _LIBYAML_LOADER
    if _LIBYAML_LOADER is None:
        import yaml

        class Loader(yaml.CSafeLoader):  # type: ignore[misc]
            def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
                if kind is yaml.ScalarNode and implicit[0]:
                    return PLAIN_TAG
                return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]

        _LIBYAML_LOADER = Loader
    return _LIBYAML_LOADER


def _ruamel_resolver() -> type:
    global _RUAMEL_RESOLVER
    if _RUAMEL_RESOLVER is None:
        from ruamel.yaml.nodes import ScalarNode
        from ruamel.yaml.resolver import VersionedResolver
        from ruamel.yaml.tag import Tag

        plain = Tag(suffix=PLAIN_TAG)

        class Resolver(VersionedResolver):
            def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> Any:
                if kind is ScalarNode and implicit[0]:
                    return plain
                return super().resolve(kind, value, implicit)

        _RUAMEL_RESOLVER = Resolver
    return _RUAMEL_RESOLVER


def _budgeted_reader() -> type:
    """ruamel.yaml's reader, stopping the read once it moves past `REREAD_BUDGET`
    characters: every token the scanner takes, however long, moves through `forward`."""
    global _BUDGETED_READER
    if _BUDGETED_READER is None:
        from ruamel.yaml.reader import Reader

        class BudgetedReader(Reader):
            def forward(self, length: int = 1) -> None:
                super().forward(length)
                if self.index > REREAD_BUDGET:
                    raise _OverBudget

            def forward_1_1(self, length: int = 1) -> None:
                super().forward_1_1(length)
                if self.index > REREAD_BUDGET:
                    raise _OverBudget

        _BUDGETED_READER = BudgetedReader
    return _BUDGETED_READER
