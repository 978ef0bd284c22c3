"""The GitHub Actions workflows: actionlint finds nothing, and they do what the docs promise.

`ci.yml` validates and tests every pull request; `pages.yml` builds the site and publishes it
on GitHub Pages from main only, with the least permissions that needs;
`correction-decision.yml` turns a maintainer's decision on a tenant's correction issue into a
pull request, and no issue text ever reaches a shell.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"
WORKFLOW_FILES = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def actionlint(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the actionlint installed in this virtualenv (the `test` extras bring it)."""
    binary = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    if binary is None:
        pytest.fail(
            "actionlint is not installed beside this Python: "
            "run `.venv/bin/python -m pip install -e '.[test]'` (make test does)"
        )
    # shellcheck and pyflakes are left out so the result is the same on every machine,
    # whether or not they happen to be installed.
    command = [binary, "-no-color", "-oneline", "-shellcheck=", "-pyflakes=", *map(str, args)]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60)


def load(name: str) -> dict[str, Any]:
    return yaml.safe_load((WORKFLOWS / name).read_text())


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on or {}


def steps_using(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    """The steps of a job that use `action` (any version)."""
    return [step for step in job.get("steps", []) if step.get("uses", "").startswith(action + "@")]


def run_commands(job: dict[str, Any]) -> list[str]:
    return [step["run"].strip() for step in job.get("steps", []) if "run" in step]


@pytest.fixture(scope="module")
def pages() -> dict[str, Any]:
    return load("pages.yml")


@pytest.fixture(scope="module")
def ci() -> dict[str, Any]:
    return load("ci.yml")


@pytest.fixture(scope="module")
def decision() -> dict[str, Any]:
    return load("correction-decision.yml")


# --- actionlint -------------------------------------------------------------------------


def test_the_project_has_a_ci_a_pages_and_a_correction_decision_workflow():
    assert {path.name for path in WORKFLOW_FILES} >= {
        "ci.yml",
        "pages.yml",
        "correction-decision.yml",
    }


def test_actionlint_finds_nothing_wrong_in_the_workflows():
    result = actionlint(*WORKFLOW_FILES, cwd=REPO)
    assert result.returncode == 0, f"actionlint found problems:\n{result.stdout}{result.stderr}"


def test_actionlint_really_checks_a_workflow(tmp_path):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    broken = folder / "broken.yml"
    broken.write_text(
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    timeout-minutes: 10\n"
        "    runs_on_host: everywhere\n"
        "    steps:\n"
        "      - run: echo ${{ github.no_such_property }}\n"
    )
    result = actionlint(broken, cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "broken.yml:6:" in output and "runs_on_host" in output
    assert "broken.yml:8:" in output and "no_such_property" in output


# --- supply chain -----------------------------------------------------------------------

PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$")


def uses_lines(path: Path) -> list[tuple[int, str]]:
    """Every `uses:` value of a workflow as written, comment included, with its line."""
    found = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        match = re.match(r"^\s*(?:-\s+)?uses:\s*(.+?)\s*$", line)
        if match:
            found.append((number, match.group(1)))
    return found


def unpinned(path: Path) -> list[str]:
    """The `uses:` lines of a workflow not pinned by full commit SHA with a version comment."""
    return [
        f"{path.name}:{number}: {value}"
        for number, value in uses_lines(path)
        if not value.startswith("./") and not PINNED.match(value)
    ]


def checkouts_keeping_credentials(workflow: dict[str, Any]) -> list[str]:
    return [
        f"{name}: {step.get('name', step['uses'])}"
        for name, job in workflow["jobs"].items()
        for step in steps_using(job, "actions/checkout")
        if (step.get("with") or {}).get("persist-credentials") is not False
    ]


def test_every_action_is_pinned_by_commit_sha_with_its_version_in_a_comment():
    assert sum(len(uses_lines(path)) for path in WORKFLOW_FILES) >= 8
    assert [line for path in WORKFLOW_FILES for line in unpinned(path)] == []


def test_every_checkout_leaves_no_credentials_behind(ci, pages):
    assert steps_using(ci["jobs"]["test"], "actions/checkout")
    assert steps_using(pages["jobs"]["build"], "actions/checkout")
    workflows = [yaml.safe_load(path.read_text()) for path in WORKFLOW_FILES]
    assert [
        step for workflow in workflows for step in checkouts_keeping_credentials(workflow)
    ] == []


def test_the_pin_check_finds_tags_short_shas_and_missing_comments(tmp_path):
    workflow = tmp_path / "w.yml"
    sha = "0123456789abcdef0123456789abcdef01234567"
    workflow.write_text(
        "jobs:\n  a:\n    steps:\n"
        "      - uses: actions/checkout@v5\n"
        "      - uses: actions/cache@0123456 # v5.0.5\n"
        f"      - uses: actions/setup-python@{sha}\n"
        f"      - uses: actions/deploy-pages@{sha} # v5.0.0\n"
        "      - uses: ./.github/actions/local\n"
        "      - name: x\n        uses: 'owner/action@main'\n"
    )
    assert [line.split(":")[1] for line in unpinned(workflow)] == ["4", "5", "6", "10"]


def test_the_credentials_check_finds_a_checkout_that_keeps_them():
    def job(**step: Any) -> dict[str, Any]:
        return {"steps": [{"uses": "actions/checkout@x", **step}]}

    workflow = {
        "jobs": {
            "a": job(name="bare"),
            "b": job(**{"with": {"fetch-depth": 0}}),
            "c": job(**{"with": {"persist-credentials": False}}),
            "d": job(**{"with": {"persist-credentials": "true"}}),
        }
    }
    assert checkouts_keeping_credentials(workflow) == [
        "a: bare",
        "b: actions/checkout@x",
        "d: actions/checkout@x",
    ]


# --- pages.yml --------------------------------------------------------------------------


def test_pages_runs_on_pushes_to_main_and_by_hand_only(pages):
    on = triggers(pages)
    assert set(on) == {"push", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}


def test_pages_deploys_only_from_main_after_the_build(pages):
    deploy = pages["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    # A run started by hand from another branch builds, but never publishes.
    assert deploy["if"].replace(" ", "") == "github.ref=='refs/heads/main'"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    (step,) = steps_using(deploy, "actions/deploy-pages")
    assert step["id"] == "deployment"


def test_pages_has_least_privilege_permissions(pages):
    assert pages["permissions"] == {"contents": "read"}
    assert "permissions" not in pages["jobs"]["build"]
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_pages_deploys_one_at_a_time_without_cancelling_a_deployment(pages):
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_pages_builds_with_cached_pip_and_uploads_site(pages):
    build = pages["jobs"]["build"]
    (python,) = steps_using(build, "actions/setup-python")
    assert python["with"]["python-version"] == "3.11"
    assert python["with"]["cache"] == "pip"
    assert python["with"]["cache-dependency-path"] == "pyproject.toml"
    assert steps_using(build, "actions/configure-pages")
    assert run_commands(build)[0] == "make site"
    (upload,) = steps_using(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"


# --- ci.yml -----------------------------------------------------------------------------


def test_ci_runs_on_pull_requests_and_main(ci):
    on = triggers(ci)
    assert "pull_request" in on
    assert on["push"] == {"branches": ["main"]}


def test_ci_validates_then_runs_the_tests_as_the_readme_does(ci):
    (job,) = ci["jobs"].values()
    # Debian, so `make test` can install Debian's chromium with apt-get as root.
    assert job["container"] == "python:3.11-bookworm"
    commands = run_commands(job)
    assert commands == ["make validate", "make test"]
    (validate,) = [step for step in job["steps"] if step.get("run") == "make validate"]
    assert validate["name"] == "Validate data, posts and resources"


def test_ci_caches_pip_and_npm_downloads(ci):
    (job,) = ci["jobs"].values()
    caches = {
        step["with"]["path"]: step["with"]["key"] for step in steps_using(job, "actions/cache")
    }
    assert set(caches) == {"~/.cache/pip", "~/.npm"}
    assert "hashFiles('pyproject.toml')" in caches["~/.cache/pip"]
    assert "hashFiles('package-lock.json')" in caches["~/.npm"]


def test_ci_reads_only_and_cancels_superseded_pull_request_runs(ci):
    assert ci["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in ci["jobs"].values())
    assert "github.ref" in ci["concurrency"]["group"]
    assert "pull_request" in ci["concurrency"]["cancel-in-progress"]


def check_address(config: Path, address: str) -> subprocess.CompletedProcess[str]:
    script = REPO / "scripts" / "check-pages-address.py"
    command = [sys.executable, str(script), address, "--config", str(config)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_pages_stops_a_fork_whose_site_url_names_another_site(tmp_path):
    build = load("pages.yml")["jobs"]["build"]
    commands = run_commands(build)
    check = next(c for c in commands if "check-pages-address.py" in c)
    assert commands.index(check) > commands.index("make site")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: https://upstream.github.io/odx-site/\n")
    wrong = check_address(config, "https://fork.github.io/odx-site")
    assert wrong.returncode == 1
    assert wrong.stdout.startswith("::error file=mkdocs.yml,line=2,title=site_url::")
    assert "set 'site_url: https://fork.github.io/odx-site/'" in wrong.stdout
    assert "mkdocs.yml:2: site_url: " in wrong.stderr
    right = check_address(config, "https://UPSTREAM.github.io/odx-site")
    assert right.returncode == 0, right.stderr


def test_the_address_check_says_when_site_url_is_missing(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n")
    run = check_address(config, "https://fork.github.io/odx-site")
    assert run.returncode == 1 and "site_url is not set" in run.stdout


# --- untrusted input --------------------------------------------------------------------

# Contexts whose text anyone who opens an issue, comments or pushes a branch chooses.
UNTRUSTED = re.compile(
    r"github\.event\.(issue|comment|review|review_comment|discussion|pull_request|pages|"
    r"commits|head_commit)\b|github\.head_ref"
)


def injected(workflow: dict[str, Any]) -> list[str]:
    """The `run:` steps that expand an untrusted context straight into the shell."""
    return [
        f"{name}: {step.get('name', step['run'][:40])}"
        for name, job in workflow["jobs"].items()
        for step in job.get("steps", [])
        if "run" in step and UNTRUSTED.search(step["run"])
    ]


def test_no_run_step_expands_issue_or_pull_request_text():
    workflows = [yaml.safe_load(path.read_text()) for path in WORKFLOW_FILES]
    assert [step for workflow in workflows for step in injected(workflow)] == []


def test_the_injection_check_finds_an_issue_title_in_a_run_step():
    workflow = {
        "jobs": {
            "a": {
                "steps": [
                    {"name": "bad", "run": 'echo "${{ github.event.issue.title }}"'},
                    {"name": "head", "run": "git switch ${{ github.head_ref }}"},
                    {"name": "good", "run": 'echo "$TITLE"'},
                    {"uses": "actions/checkout@x"},
                ]
            }
        }
    }
    assert injected(workflow) == ["a: bad", "a: head"]


# --- correction-decision.yml ------------------------------------------------------------


def test_decisions_run_only_for_a_decision_label_on_a_correction_issue(decision):
    assert triggers(decision) == {"issues": {"types": ["labeled"]}}
    (job,) = decision["jobs"].values()
    condition = job["if"]
    assert "github.event.label.name == 'accepted'" in condition
    assert "github.event.label.name == 'rejected'" in condition
    assert "contains(github.event.issue.labels.*.name, 'correction')" in condition


def test_decisions_may_write_only_in_their_one_job(decision):
    assert decision["permissions"] == {}
    (job,) = decision["jobs"].values()
    assert job["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
    }


def test_no_decision_step_holds_an_expression_in_its_shell(decision):
    (job,) = decision["jobs"].values()
    assert [command for command in run_commands(job) if "${{" in command] == []


def test_the_decision_is_read_from_the_event_file_and_proposed_through_files(decision):
    (job,) = decision["jobs"].values()
    commands = run_commands(job)
    assert 'odx intake-issue --event "$GITHUB_EVENT_PATH" --out "$OUT"' in commands
    script = "\n".join(commands)
    assert '--body-file "$OUT/body.md"' in script and "gh pr create" in script
    assert script.count('gh issue comment "$ISSUE" --body-file "$OUT/comment.md"') == 2
    # The checkout kept no credentials: the push names the job's token itself.
    assert "x-access-token:${GH_TOKEN}@github.com/${GITHUB_REPOSITORY}" in script
    assert job["env"]["ISSUE"] == "${{ github.event.issue.number }}"
