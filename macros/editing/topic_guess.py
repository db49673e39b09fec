"""Guessing a task's topics from its text, for the importer's draft (editors review them).

Keywords are matched as whole words with their diacritics ("truyền thông" is not inside
"truyền thống"), and a topic's `not_keywords` are taken out first ("Sở Thông tin và
Truyền thông" is a department, not communication; "trên các nền tảng số" is a channel,
not a platform being built). The primary topic is the section's, unless the task's
opening words name another topic: "Thành lập Quỹ phát triển khoa học …" is about finance
in whatever section it stands.
"""

from __future__ import annotations

from collections.abc import Iterable

from macros.data import model as m
from macros.data.text import word_key

# The resolution's own name, which most tasks repeat whatever they are about.
RESOLUTION_PHRASES = (
    "khoa học công nghệ đổi mới sáng tạo và chuyển đổi số",
    "khoa học công nghệ đổi mới sáng tạo",
    "khoa học công nghệ và đổi mới sáng tạo",
    "đổi mới sáng tạo và chuyển đổi số",
)
OPENING_WORDS = 6  # how far into the text a keyword makes its topic the primary one


def _without(key: str, phrases: Iterable[str]) -> str:
    for phrase in sorted(phrases, key=len, reverse=True):
        key = key.replace(word_key(phrase), " | ")
    return key


def _hits(key: str, topic: m.Topic) -> list[int]:
    """Word positions where the topic's keywords start in `key` (its not_keywords taken out)."""
    key = _without(key, topic.not_keywords)
    found = []
    for keyword in topic.keywords:
        phrase, start = word_key(keyword), 0
        while (at := key.find(phrase, start)) >= 0:
            found.append(key[: at + 1].count(" ") - 1)
            start = at + 1
    return found


def guess_topics(text: str, section_topic: str, topics: Iterable[m.Topic]) -> list[str]:
    """[primary, *secondary]: the section's topic unless the opening words name another, then
    every other topic whose keywords the text uses, in the topics' order."""
    key = _without(word_key(text), RESOLUTION_PHRASES)
    hits = {t.id: _hits(key, t) for t in topics if t.for_tasks}
    opening = sorted((min(h), t) for t, h in hits.items() if h and min(h) < OPENING_WORDS)
    primary = opening[0][1] if opening and section_topic not in {t for _, t in opening} else section_topic
    rest = [t for t, h in hits.items() if t != primary and (h or t == section_topic)]
    return [primary, *rest]
