"""What a user would write instead of kzvalidate: the reference of the throughput benchmark.

An honest, idiomatic script of about 80 lines: split the dump at header lines with a regex, build
one dict per article, validate it against this project's ``contracts/article.schema.json`` with
jsonschema, check the copyright footer, print one line per problem. It checks far less than
kzvalidate (no spans, no text rules, no figures), which is the point of the comparison.

    python benchmarks/handwritten.py DUMP.txt
"""

from __future__ import annotations

import json
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from jsonschema import Draft202012Validator

SCHEMA = Path(__file__).resolve().parent.parent / "contracts" / "article.schema.json"
HEADER = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4}), (\d{2}):(\d{2}) (\S+)[ \t]*$", re.MULTILINE)
FOOTER = (
    "This information may not be reproduced without reference to Kazakhstan Today. "
    "Copyright of materials of News Agency Kazakhstan Today."
)


def almaty_offset(year: int, month: int, day: int) -> timezone:
    """Kazakhstan moved from +06:00 to +05:00 on 1 March 2024."""
    return timezone(timedelta(hours=6 if (year, month, day) < (2024, 3, 1) else 5))


def article(header: re.Match[str], text: str) -> dict[str, object]:
    day, month, year, hour, minute, views = header.groups()
    lines = [line for line in text.splitlines() if line.strip()]
    record: dict[str, object] = {"date": f"{year}-{month}-{day}", "time": f"{hour}:{minute}"}
    try:
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute))
        zone = almaty_offset(int(year), int(month), int(day))
        record["published"] = moment.replace(tzinfo=zone).isoformat()
    except ValueError:
        pass
    record["views"] = int(views) if views.isdigit() else views
    if lines:
        record["title"] = lines.pop(0)
    if lines and lines[0].startswith("Images | "):
        record["image_credit"] = lines.pop(0).removeprefix("Images | ")
    if lines and lines[-1].startswith("This information may not be reproduced"):
        record["footer"] = lines.pop()
    record["body"] = lines
    record["source"] = {"path": "", "line": 1, "column": 1, "end_line": 1, "end_column": 1}
    return record


def problems(record: dict[str, object], validator: Draft202012Validator) -> list[str]:
    found = [error.message for error in validator.iter_errors(record)]
    if record.get("footer") not in (None, FOOTER):
        found.append("footer is not the agency's copyright notice")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("usage: handwritten.py DUMP.txt\n")
        return 2
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    text = Path(argv[0]).read_text(encoding="utf-8", errors="replace")
    headers = list(HEADER.finditer(text))
    count, line, previous = 0, 1, 0
    for number, header in enumerate(headers):
        end = headers[number + 1].start() if number + 1 < len(headers) else len(text)
        record = article(header, text[header.end() : end])
        line += text.count("\n", previous, header.start())
        previous = header.start()
        for message in problems(record, validator):
            sys.stdout.write(f"{argv[0]}: article {number + 1} (line {line}): {message}\n")
            count += 1
    sys.stdout.write(f"{len(headers)} articles, {count} problems\n")
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
