"""The site as a reader reaches it: pages followed link by link from where they start, with the test client.

Pages of one kind are alike (a number in a path stands for any number): `per_kind` reads only so many of
each, which keeps a crawl of the whole demo, as several people in several languages, to minutes.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

LINKS = re.compile(r'href="(/[^"#?]*)"')
NUMBER = re.compile(r"\d+")


def crawl(client: Any, starts: Iterable[str] = ("/",), *, skipped: Callable[[str], bool] = lambda path: False,
          per_kind: int | None = None, at_most: int | None = None,
          links: re.Pattern[str] = LINKS) -> Iterator[tuple[str, Any]]:
    """(path, answer) for each page reached, the first of them `starts`; links are followed from HTML pages."""
    seen = set(starts)
    kinds: dict[str, int] = {}
    queue = deque(starts)
    read = 0
    while queue and (at_most is None or read < at_most):
        path = queue.popleft()
        answer = client.get(path)
        read += 1
        yield path, answer
        if answer.status_code != 200 or "text/html" not in answer.get("Content-Type", ""):
            continue
        for link in links.findall(answer.content.decode("utf-8", "replace")):
            link = link.replace("&amp;", "&")
            if link in seen or skipped(link):
                continue
            kind = NUMBER.sub("N", link)
            if per_kind is not None and kinds.get(kind, 0) >= per_kind:
                continue
            kinds[kind] = kinds.get(kind, 0) + 1
            seen.add(link)
            queue.append(link)


def pages(client: Any, starts: Iterable[str] = ("/",), **options: Any) -> Iterator[tuple[str, str]]:
    """(path, HTML) for each page reached that answered 200 with HTML."""
    for path, answer in crawl(client, starts, **options):
        if answer.status_code == 200 and "text/html" in answer.get("Content-Type", ""):
            yield path, answer.content.decode()
