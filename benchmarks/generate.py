"""Write a large, realistic news dump for benchmarking, deterministically from a seed.

Articles are assembled from the titles, image credits and paragraphs of the real dumps in
``fixtures/seeds/``: header ``DD.MM.YYYY, HH:MM VIEWS`` (dates walk back in time, several dozen
articles a day), title, an image credit on some articles, 3 to 12 body paragraphs, the copyright
footer. The real defects of the seed text (quotations whose opening mark the scraper dropped, a
Cyrillic letter in a Latin word, two misspellings) are repaired first, so that a generated dump is
clean but for the defects put in on purpose: a small share of articles (``--defect-rate``, default
2 %) carries one realistic defect, so that the lint path reports findings and does real work.

The file is streamed to disk one article at a time (nothing close to the whole file is held in
memory), so it can be 1 GB or more. It is written to ``OUT.part`` and renamed when complete.

    python benchmarks/generate.py benchmarks/.data/dump.txt --size-mb 100 --seed 1
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from kzvalidate.dump.dialects.kazakhstan_today import FOOTER

REPO = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO / "fixtures" / "seeds"
MB = 1_000_000
"""Sizes and throughputs use decimal megabytes (10**6 bytes)."""

GENERATOR_VERSION = 4
"""Bump when the output for a given (size, seed, defect rate) changes, so caches are not reused."""

DEFECT_WEIGHTS: dict[str, int] = {
    "missing-footer": 4,
    "trailing-whitespace": 4,
    "stray-text": 2,
    "invalid-date": 2,
    "misspelled-footer": 2,
    "invalid-time": 1,
    "views-not-integer": 1,
    "double-space": 1,
    "homoglyph": 1,
    "dropped-quote": 1,
    "decimal-comma": 1,
    "mojibake": 1,
    "part-exceeds-whole": 1,
    "unknown-unit": 1,
}
"""Kinds of defect and how often each is chosen among defective articles."""

_HEADER = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}),[ \t]*(\d{1,2}):(\d{2})[ \t]+(\d+)[ \t]*$")
_CREDIT = re.compile(r"Images \| (?P<source>.+)")
_IMPOSSIBLE_DAYS = ((31, 2), (30, 2), (31, 4), (31, 6), (31, 9), (31, 11), (0, 5), (12, 13))
_FOOTER_TYPOS = (
    FOOTER.replace("Copyright", "Copyrigth"),
    FOOTER.replace("reproduced", "reproduce"),
    FOOTER.replace("Kazakhstan Today.", "Kazakstan Today.", 1),
    FOOTER.rstrip("."),
)
_STRAY_PREFIXES = (" date {iso} ", "Home / News ", "{iso} ")
_SEED_SLIPS = (
    ("\u0441ourt", "court"),
    ("Ombusdman", "Ombudsman"),
    ("Kassym-Jomar ", "Kassym-Jomart "),
)
"""Real slips in the seed text, and their repair."""
_CLOSING_QUOTE = re.compile(r'[,.!?]"[ ,]')
_SENTENCES = {
    "dropped-quote": ' This is what we want," the minister said.',
    "decimal-comma": " Output is to reach 5,5 million tons.",
    "mojibake": " The countryâ\u20ac\u2122s plan was approved.",
    "part-exceeds-whole": " Police seized 3.2 tons of drugs, including 4,000 kg of heroin.",
    "unknown-unit": " The plant used 12 kgs of salt.",
}
"""Sentences appended to a paragraph to carry a text defect (one finding each)."""


@dataclass(frozen=True)
class Corpus:
    """Text material taken from real dumps."""

    titles: tuple[str, ...]
    paragraphs: tuple[str, ...]
    credits: tuple[str, ...]


@dataclass
class DumpStats:
    path: Path
    bytes: int = 0
    lines: int = 0
    articles: int = 0
    defects: Counter[str] = field(default_factory=Counter)

    def as_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "bytes": self.bytes,
            "lines": self.lines,
            "articles": self.articles,
            "defects": dict(sorted(self.defects.items())),
        }


def load_corpus(seed_files: Iterable[Path]) -> Corpus:
    """Titles, credits and paragraphs of every article in the given dumps (deduplicated, ordered).

    A deliberately small reader, independent of kzvalidate's parser: a header line (stray text
    before it allowed), then the first non-blank line is the title, an ``Images | X`` line right
    after it is a credit, the footer is dropped and every other non-blank line is a paragraph.
    """
    titles: dict[str, None] = {}
    paragraphs: dict[str, None] = {}
    credits: dict[str, None] = {}
    for seed_file in sorted(seed_files):
        state = "preamble"
        for raw in seed_file.read_text(encoding="utf-8").splitlines():
            text = raw.strip()
            if _HEADER.search(text):
                state = "title"
            elif not text or state == "preamble" or text == FOOTER:
                continue
            elif state == "title":
                titles[text] = None
                state = "credit"
            elif state == "credit" and (credit := _CREDIT.fullmatch(text)):
                credits[credit["source"]] = None
                state = "body"
            else:
                paragraphs[text] = None
                state = "body"
    if not titles or not paragraphs:
        raise SystemExit("generate: no articles found in the seed files")
    return Corpus(
        tuple(map(repaired, titles)),
        tuple(map(repaired, paragraphs)),
        tuple(credits) or ("Akorda",),
    )


def repaired(text: str) -> str:
    """Seed text without its real slips; a paragraph that closes a quotation it never opened (the
    scraper dropped the opening mark) gets the mark back."""
    for slip, repair in _SEED_SLIPS:
        text = text.replace(slip, repair)
    if _CLOSING_QUOTE.search(text) and text.count('"') % 2 == 1:
        text = '"' + text
    return text


class ArticleWriter:
    """Produces the lines of one article after another; all randomness comes from ``rng``."""

    def __init__(
        self,
        corpus: Corpus,
        rng: random.Random,
        defect_rate: float,
        *,
        unique_paragraphs: bool = False,
    ) -> None:
        self.corpus = corpus
        self.rng = rng
        self.defect_rate = defect_rate
        self.unique_paragraphs = unique_paragraphs
        self.serial = 0
        """Articles written so far: numbers the paragraphs when they must not repeat."""
        self.kinds = list(DEFECT_WEIGHTS)
        self.weights = list(DEFECT_WEIGHTS.values())
        self.newest = date(2026, 3, 3)
        self.oldest = date(2015, 1, 1)
        self.day = self.newest
        self.left_today = 0
        self.clock = 0
        """Minutes after midnight of the next article: they fall through the day, newest first."""

    def next_day(self) -> date:
        if self.left_today <= 0:
            self.day -= timedelta(days=1)
            if self.day < self.oldest:
                self.day = self.newest
            self.left_today = self.rng.randint(15, 60)
            self.clock = 24 * 60
        self.left_today -= 1
        return self.day

    def unique(self, paragraph: str, position: int) -> str:
        """The paragraph with a sentence no other paragraph of the dump has, so that no cache
        keyed on paragraph text (figures, spelling) is ever hit twice."""
        return f"{paragraph} This is report {self.serial * 16 + position}."

    def article(self) -> tuple[list[str], str | None]:
        """The lines of the next article (without terminators) and its defect kind, if any."""
        rng = self.rng
        corpus = self.corpus
        day = self.next_day()
        defect = (
            rng.choices(self.kinds, self.weights)[0] if rng.random() < self.defect_rate else None
        )
        date_text = f"{day.day:02d}.{day.month:02d}.{day.year:04d}"
        drawn = rng.randrange(24) * 60 + rng.randrange(60)
        self.clock -= 1 + drawn % 23  # at most 60 articles a day fit in a day
        time_text = f"{self.clock // 60:02d}:{self.clock % 60:02d}"
        views_text = str(int(rng.lognormvariate(9.6, 0.7)))
        prefix = ""
        if defect == "invalid-date":
            bad_day, bad_month = rng.choice(_IMPOSSIBLE_DAYS)
            date_text = f"{bad_day:02d}.{bad_month:02d}.{day.year:04d}"
        elif defect == "invalid-time":
            time_text = f"{rng.randint(24, 29):02d}:{rng.randrange(60):02d}"
        elif defect == "views-not-integer":
            views = int(views_text)
            views_text = rng.choice(
                (f"{max(1, views // 1000)}k", f"{views / 1000:.1f}K", f"{views:,}")
            )
        elif defect == "stray-text":
            prefix = rng.choice(_STRAY_PREFIXES).format(iso=(day + timedelta(days=1)).isoformat())
        lines = [f"{prefix}{date_text}, {time_text} {views_text}", rng.choice(corpus.titles)]
        if rng.random() < 0.3:
            lines.append(f"Images | {rng.choice(corpus.credits)}")
        paragraphs = rng.sample(corpus.paragraphs, min(len(corpus.paragraphs), rng.randint(3, 12)))
        if self.unique_paragraphs:
            paragraphs = [self.unique(paragraph, n) for n, paragraph in enumerate(paragraphs)]
        lines.extend(paragraphs)
        self.serial += 1
        if defect == "trailing-whitespace":
            where = rng.randrange(1, len(lines))
            lines[where] += rng.choice((" ", "  ", "   "))
        elif defect in _SENTENCES:
            lines[-1] += _SENTENCES[defect]
        elif defect == "double-space":
            lines[-1] = lines[-1].replace(" ", "  ", 1)
        elif defect == "homoglyph":
            lines[-1] += " The court\u0441ase was heard."
        if defect == "misspelled-footer":
            lines.append(rng.choice(_FOOTER_TYPOS))
        elif defect != "missing-footer":
            lines.append(FOOTER)
        return lines, defect


def generate(
    path: Path,
    size_mb: float,
    *,
    seed: int = 1,
    defect_rate: float = 0.02,
    corpus: Corpus | None = None,
    unique_paragraphs: bool = False,
) -> DumpStats:
    """Write about ``size_mb`` MB of dump to ``path`` (whole articles; stops once the size is
    reached) and return what was written. The same arguments always give the same bytes."""
    if size_mb <= 0:
        raise ValueError("size_mb must be positive")
    corpus = corpus or load_corpus(SEEDS_DIR.glob("*.txt"))
    writer = ArticleWriter(
        corpus, random.Random(seed), defect_rate, unique_paragraphs=unique_paragraphs
    )
    target = int(size_mb * MB)
    stats = DumpStats(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    with partial.open("wb", buffering=1 << 20) as out:
        while stats.bytes < target:
            lines, defect = writer.article()
            data = ("\n".join(lines) + "\n").encode("utf-8")
            out.write(data)
            stats.bytes += len(data)
            stats.lines += len(lines)
            stats.articles += 1
            if defect is not None:
                stats.defects[defect] += 1
    partial.replace(path)
    return stats


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="file to write")
    parser.add_argument("--size-mb", type=float, default=20.0, help="size in MB (10**6 bytes)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--defect-rate", type=float, default=0.02, help="share of articles with one defect"
    )
    parser.add_argument(
        "--unique-paragraphs",
        action="store_true",
        help="end every paragraph with a sentence of its own, so that no paragraph repeats",
    )
    parser.add_argument(
        "--seeds-dir", type=Path, default=SEEDS_DIR, help="real dumps to take text from"
    )
    args = parser.parse_args(argv)
    corpus = load_corpus(Path(args.seeds_dir).glob("*.txt"))
    stats = generate(
        args.out,
        args.size_mb,
        seed=args.seed,
        defect_rate=args.defect_rate,
        corpus=corpus,
        unique_paragraphs=args.unique_paragraphs,
    )
    defects = ", ".join(f"{kind} {n}" for kind, n in sorted(stats.defects.items())) or "none"
    sys.stdout.write(
        f"wrote {stats.path}: {stats.bytes / MB:.1f} MB, {stats.lines} lines, "
        f"{stats.articles} articles; defects: {defects}\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
