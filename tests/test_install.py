"""The installed package works outside the source tree: rules ship inside it."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.install


def test_wheel_installed_in_a_fresh_venv_checks_from_another_folder(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", str(ROOT)],
        capture_output=True, text=True,
    )
    assert pip.returncode == 0, pip.stderr[-2000:]
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(FIXTURES / "ampere-article.txt", work / "article.txt")
    run = subprocess.run(
        [str(venv / "bin" / "check"), "--format", "json", "article.txt"],
        cwd=work, capture_output=True, text=True,
    )
    assert run.returncode == 1, run.stderr
    out = json.loads(run.stdout)
    assert out["summary"]["findings"] == 6
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import checks.rules as r; print(r.default_rules_dir())"],
        cwd=work, capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert where.startswith(str(venv)), where
    # The rules ship as data: the registry, not the tool that builds it (tools/build_registry.py).
    assert (Path(where) / "registry.yml").is_file()
    assert sorted(Path(where).rglob("*.py")) == []
    version = subprocess.run([str(venv / "bin" / "copydesk"), "--version"], cwd=work, capture_output=True, text=True)
    assert version.stdout.startswith("copydesk, version")
