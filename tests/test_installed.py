"""Issue 14: an installed (non-editable) publish finds its layouts, and a configured folder."""

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import REFERENCE, ROOT

LAYOUTS = ("a4-bulletin", "broadsheet", "tabloid")
pytestmark = pytest.mark.slow


def _copy_source(dst: Path) -> None:
    """The checkout as a clone has it (no venv, outputs or caches)."""
    skip = shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", ".cache", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis"
    )
    shutil.copytree(ROOT, dst, ignore=skip)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv with the wheel built from this tree; dependencies come from the test venv."""
    tmp = tmp_path_factory.mktemp("installed")
    _copy_source(tmp / "src")
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp / "dist", tmp / "src"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    [wheel] = (tmp / "dist").glob("publish-*.whl")
    subprocess.run([sys.executable, "-m", "venv", tmp / "venv"], check=True, timeout=300)
    py = tmp / "venv" / "bin" / "python"
    site = subprocess.run(
        [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Only the dependencies: a plain path entry does not run the test venv's editable-install hook.
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    r = subprocess.run(
        [py, "-m", "pip", "install", "--no-deps", "-q", wheel], capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 0, r.stderr
    return tmp


def run(installed, *args, env=None):
    e = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PUBLISH_LAYOUTS")}
    e.update(env or {})
    return subprocess.run(
        [installed / "venv" / "bin" / "publish", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=installed,
        env=e,
        timeout=300,
    )


def test_installed_package_is_not_the_checkout(installed):
    r = subprocess.run(
        [installed / "venv" / "bin" / "python", "-c", "import publish; print(publish.__file__)"],
        capture_output=True,
        text=True,
        cwd=installed,
    )
    assert Path(r.stdout.strip()).is_relative_to(installed / "venv"), r.stdout


def test_installed_wheel_lists_and_builds_the_shipped_layouts(installed):
    r = run(installed, "layouts")
    assert r.returncode == 0, r.stderr
    assert [ln.split()[0] for ln in r.stdout.splitlines()] == list(LAYOUTS)
    assert "版式文件有误" not in r.stdout
    shutil.copytree(REFERENCE, installed / "m")
    r = run(installed, "build", installed / "m", "--layout", "a4-bulletin", "-f", "pdf", "-o", installed / "out", "-q")
    assert r.returncode == 0, r.stderr
    assert (installed / "out" / "m-a4-bulletin.pdf").stat().st_size > 10_000


def test_configured_layouts_folder(installed, tmp_path):
    own = tmp_path / "desk-layouts"
    shutil.copytree(ROOT / "layouts" / "tabloid", own / "evening")
    r = run(installed, "layouts", env={"PUBLISH_LAYOUTS": str(own)})
    assert r.returncode == 0, r.stderr
    assert [ln.split()[0] for ln in r.stdout.splitlines()] == ["evening"] and "版式文件有误" not in r.stdout
