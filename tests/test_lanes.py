"""`pytest` alone is the fast lane; README's test command, which .ci/run runs, runs every test."""

import re
import shlex
import tomllib

from conftest import ROOT


def test_the_fast_lane_leaves_out_the_marked_tests_and_the_readme_command_runs_them_all():
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    markers = {marker.split(":")[0] for marker in options["markers"]}
    addopts = shlex.split(options["addopts"])
    left_out = addopts[addopts.index("-m") + 1]
    assert set(re.findall(r"\w+", left_out)) - {"not", "or"} == markers == {"cli", "subprocess", "install", "browser"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = readme.split("<!-- test-command", 1)[1].split("```sh\n", 1)[1].splitlines()[0]
    pytest_args = shlex.split(command.split("&&")[-1])
    assert pytest_args[-2:] == ["-m", ""]  # the last -m wins over addopts': no test is left out
