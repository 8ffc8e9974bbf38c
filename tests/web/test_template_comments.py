"""Django's `{# … #}` comment ends on its own line: one spread over lines is printed as page text (the month
calendar's showed its comment to every reader, in English on Russian pages). Longer comments use
`{% comment %}`."""

from __future__ import annotations

from pathlib import Path

import accord

TEMPLATES = sorted(Path(accord.__file__).parent.rglob("templates/**/*.html"))


def test_no_template_spreads_a_short_comment_over_lines() -> None:
    assert TEMPLATES
    spread = [f"{path.relative_to(Path(accord.__file__).parent)}:{number}"
              for path in TEMPLATES
              for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
              if line.rfind("{#") > line.rfind("#}")]
    assert spread == []
