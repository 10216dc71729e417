"""Values that stand in for a real one: `TBD`, `TODO`, `?`, `N/A` and the like."""

from __future__ import annotations

import functools
import re


def find_placeholder(value: str, placeholders: tuple[str, ...]) -> str | None:
    """The placeholder text a value consists of or contains, as written in the value.

    Placeholders with letters match as whole words anywhere, ignoring case (`TBD - ask Sam`);
    others match the whole value. A value without a single letter or digit is never real.
    """
    stripped = value.strip()
    if not any(character.isalnum() for character in stripped):
        return stripped
    for placeholder in placeholders:
        if any(character.isalpha() for character in placeholder):
            match = _word_pattern(placeholder).search(stripped)
            if match:
                return match.group(0)
        elif stripped == placeholder:
            return placeholder
    return None


@functools.cache
def _word_pattern(placeholder: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w/]){re.escape(placeholder)}(?![\w/])", re.IGNORECASE)
