"""A picture of the HTML report, as an editor's browser shows it (run by hand).

    python benchmarks/screenshot_html.py [PATH ...] [--output docs/report.png] [--full-page]

Lints PATH (default: the bundled seeds, ``fixtures/seeds``) into an HTML report with
``kzvalidate lint --format html -o``, opens it in Debian's headless Chromium (``/usr/bin/chromium``;
``apt-get install chromium``) through playwright, and writes a PNG of it: the top of the page,
or all of it with ``--full-page``. The browser gets no network: every request but the report file
itself is refused, and the script says how many there were (there should be none).

``tests/test_html.py`` launches Chromium the same way (:func:`launch_chromium`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright, Route

REPO = Path(__file__).resolve().parent.parent
SEEDS_ARG = "fixtures/seeds"
"""The bundled seeds, as the report names them: relative to the repository, where lint runs."""
DEFAULT_OUTPUT = REPO / "docs" / "report.png"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Without the background-networking flags Chromium calls home, and a closed network refuses it."""
WIDTH, HEIGHT = 1200, 1500


class ChromiumMissingError(RuntimeError):
    def __init__(self) -> None:
        super().__init__(
            f"Chromium is not installed at {CHROMIUM}: install the Debian package "
            "(apt-get install chromium; .ci/run does this)"
        )


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless and with no background traffic; never a downloaded browser."""
    if not CHROMIUM.exists():
        raise ChromiumMissingError
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_FLAGS))


def write_report(paths: Sequence[str], report: Path) -> None:
    """``kzvalidate lint PATHS --format html -o REPORT``; findings (exit 1) are expected."""
    done = subprocess.run(
        [sys.executable, "-m", "kzvalidate", "lint", *paths, "--format", "html", "-o", str(report)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    if done.returncode not in (0, 1) or not report.exists():
        raise SystemExit(f"screenshot_html: kzvalidate lint failed:\n{done.stderr}")


def screenshot(browser: Browser, report: Path, png: Path, *, full_page: bool = False) -> list[str]:
    """Write a PNG of the report as Chromium renders it; the URLs it tried to load besides the
    report itself (refused)."""
    page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
    url = report.resolve().as_uri()
    refused: list[str] = []

    def only_the_report(route: Route) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    try:
        page.route("**/*", only_the_report)
        page.goto(url)
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png), full_page=full_page)
    finally:
        page.close()
    return refused


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("paths", nargs="*", default=[SEEDS_ARG], help="dumps or folders to lint")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the PNG to write")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not its top")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        report = Path(folder) / "report.html"
        write_report(args.paths, report)
        try:
            browser = launch_chromium(playwright)
        except ChromiumMissingError as error:
            raise SystemExit(f"screenshot_html: {error}") from None
        try:
            refused = screenshot(browser, report, args.output, full_page=args.full_page)
        finally:
            browser.close()
    print(f"wrote {args.output} ({args.output.stat().st_size:,} bytes)")
    print(f"requests refused: {len(refused)}{': ' + ', '.join(refused) if refused else ''}")
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
