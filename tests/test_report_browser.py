"""The HTML report in a real headless browser: it renders (not blank) and its scripts run without error.

Needs Debian's chromium (``.ci/run`` installs it); skipped where it is absent.
The page's script writes ``data-status="ok"`` into ``#script-status`` once it has
run, and ``"error"`` on any ``window`` error, so the dumped DOM tells which.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from evidence.cli import main

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (installed by .ci/run)"),
]


def _chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "out"
    here = os.getcwd()
    os.chdir(out.parent)  # the default protocol reads ./evidence-store if present: use an empty folder
    try:
        assert main(["review", "--out", str(out), "--quiet"]) == 0
    finally:
        os.chdir(here)
    return out / "report.html"


def test_report_scripts_run_without_errors(report: Path, tmp_path: Path) -> None:
    result = _chromium(tmp_path / "profile", "--virtual-time-budget=3000", "--dump-dom", report.as_uri())
    dom = result.stdout
    assert "</html>" in dom, result.stderr[-2000:]
    status = re.search(r'id="script-status" data-status="(\w+)"', dom)
    assert status is not None and status.group(1) == "ok", dom[dom.find("script-status") - 100 : dom.find("script-status") + 300]
    assert "values with sources" in dom
    n_values = int(re.search(r"report scripts ran \((\d+) values with sources\)", dom).group(1))
    assert n_values >= 8  # the seed's eight rates at least


def test_report_screenshot_is_not_blank(report: Path, tmp_path: Path) -> None:
    from PIL import Image, ImageStat

    shot = tmp_path / "report.png"
    result = _chromium(tmp_path / "profile", "--hide-scrollbars", f"--screenshot={shot}", "--window-size=1280,2000", report.as_uri())
    assert shot.exists(), result.stderr[-2000:]
    image = Image.open(shot).convert("L")
    assert image.size == (1280, 2000)
    stat = ImageStat.Stat(image)
    assert stat.stddev[0] > 20  # text, boxes and plots, not a blank page
    # a good share of the page is drawn (not only a header on white)
    histogram = image.histogram()
    non_white = sum(histogram[:200]) / (image.size[0] * image.size[1])
    assert non_white > 0.03


def test_a_script_error_would_be_caught(tmp_path: Path) -> None:
    """The check can fail: the same marker on a page whose script throws reads "error"."""
    from importlib import resources

    js = resources.files("evidence").joinpath("templates", "report.js").read_text(encoding="utf-8")
    page = tmp_path / "broken.html"
    page.write_text(
        "<!DOCTYPE html><html><body><span id='script-status' data-status='pending'></span><div id='tooltip'></div>"
        f"<script>{js}</script><script>setTimeout(function () {{ undefinedFunction(); }}, 10);</script></body></html>"
    )
    result = _chromium(tmp_path / "profile", "--virtual-time-budget=3000", "--dump-dom", page.as_uri())
    assert 'data-status="error"' in result.stdout and "undefinedFunction" in result.stdout
