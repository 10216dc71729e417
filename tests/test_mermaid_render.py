"""Every flowchart sop-lint writes, rendered by the real Mermaid library in headless
Chromium, shows the words of the YAML (issue 14, acceptance).

Mermaid comes from the npm registry: `.ci/run` installs it into MERMAID_HOME (by default
`~/.cache/sop-lint-ci`); without it, or without Debian's chromium, the test is skipped,
saying why. The page renders each diagram with `securityLevel: 'strict'`, as GitHub does,
and writes the text of every rendered label back into the page, which Chromium dumps.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import SAMPLE_REPO, npm_tool, run_cli, write_files
from tests.gitrepo import GitRepo
from tests.repos import PROCESS, SCHEDULE_SOP, ten_processes, valid_repo

MERMAID = npm_tool("mermaid", "dist", "mermaid.min.js")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"),
    pytest.mark.skipif(not MERMAID.is_file(), reason=f"Mermaid is not installed at {MERMAID} (.ci/run installs it from npm)"),
]
_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><script src="MERMAID"></script></head><body>
<pre id="out">pending</pre><script>
mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});
(async () => {
  const results = [];
  for (const [i, text] of DIAGRAMS.entries()) {
    try {
      const {svg} = await mermaid.render('d' + i, text);
      const holder = document.createElement('div'); holder.innerHTML = svg; document.body.appendChild(holder);
      results.push([...holder.querySelectorAll('.nodeLabel, .cluster-label, .edgeLabel')].filter(e => !e.parentElement.closest('.edgeLabel')).map(e => e.textContent.trim()).filter(t => t));
    } catch (error) { results.push('error: ' + error); }
  }
  document.getElementById('out').textContent = JSON.stringify(results);
})();
</script></body></html>"""

STEPS = ["Email <client name> the contract", "Post in #general; tag @finance", 'Say "thanks" & wave', "File it for <year>"]


def rendered(diagrams: list[str], folder: Path) -> list[list[str] | str]:
    page = folder / "page.html"
    page.write_text(_PAGE.replace("MERMAID", MERMAID.as_uri()).replace("DIAGRAMS", json.dumps(diagrams)), encoding="utf-8")
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--no-first-run",
         "--virtual-time-budget=60000", f"--user-data-dir={folder / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=180, check=True,
    )
    dumped = re.search(r'<pre id="out">(.*?)</pre>', result.stdout, re.S)
    assert dumped is not None, result.stdout[:500]
    text = dumped.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    return json.loads(text)


def test_every_flowchart_renders_with_the_words_of_the_yaml(tmp_path):
    steps = "".join(f'  - name: "{name.replace(chr(34), chr(92) + chr(34))}"\n    sop: schedule-post\n' for name in STEPS)
    process = re.sub(r"title: .*", 'title: "Promote <video> & #launch"', PROCESS.replace("steps:\n", "steps:\n" + steps, 1))
    twin = re.sub(r"title: .*", "title: The twin", PROCESS.replace("id: promote-new-video", "id: promote_new_video"))
    repo = GitRepo(tmp_path / "repo")
    repo.commit("2026-11-01T09:00:00+00:00", valid_repo())
    repo.git("checkout", "-q", "-b", "change")
    repo.commit("2026-11-02T09:00:00+00:00", {"processes/promote-new-video.yaml": process, "processes/twin.yaml": twin,
                                              "sops/schedule-post.yaml": SCHEDULE_SOP.replace("tone: Upbeat", "tone: Warm")})
    graph = run_cli("graph", repo.path, "--detail")[1]
    one = run_cli("graph", repo.path, "--process", "promote-new-video")[1]
    comment = run_cli("diff", repo.path, "--base", "main", "--format", "markdown")[1]
    charts = re.findall(r"```mermaid\n(.*?)```", comment, re.S)
    assert charts
    overview = run_cli("graph", repo.path)[1]
    *results, drawn = rendered([graph, one, *charts, overview], tmp_path)
    assert all(isinstance(labels, list) for labels in results), results
    for labels in results[:3]:
        for number, name in enumerate(STEPS, 1):
            assert f"{number}. {name}" in labels, (name, labels)
        assert "Promote <video> & #launch" in labels
    assert "The twin" in results[0]  # promote_new_video is a process of its own, not merged into promote-new-video
    trigger, outcome = "A new video is published on the channel", "A published social media post promotes the video"
    assert drawn == [f"Promote <video> & #launchStarts: {trigger}Ends: {outcome}", f"The twinStarts: {trigger}Ends: {outcome}"]


def test_the_overview_of_ten_processes_shows_each_process_as_the_yaml_says(tmp_path):
    """Issue 14, item 3: the overview of all processes, one node per process, its title,
    trigger and outcome, and the step that runs each sub-process on its arrow."""
    root = write_files(tmp_path / "repo", ten_processes(SAMPLE_REPO))
    [labels] = rendered([run_cli("graph", root)[1]], tmp_path)
    processes = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((root / "processes").iterdir())]
    expected = [f"{p['title']}Starts: {p['trigger']}Ends: {p['outcome']}" + ("SOP file-payslips does not exist" if p["id"] == "run-payroll" else "")
                for p in processes]
    runs = [f"runs at step {index}" for p in processes for index, step in enumerate(p["steps"], 1) if "process" in step]
    assert sorted(labels) == sorted(expected + runs)


def test_a_sub_process_a_chart_does_not_draw_is_a_box_with_its_title_or_marked_missing(tmp_path):
    """A step that runs a sub-process the chart does not draw (the PR comment draws one
    process a chart) or that no file has: a box of its own, as Mermaid renders it."""
    runs = PROCESS.replace("  - name: Schedule post\n    sop: schedule-post\n", "  - name: Send the invoice\n    process: send-invoice\n")
    invoice = re.sub(r"title: .*", "title: \"Send <an> invoice #1\"", PROCESS.replace("id: promote-new-video", "id: send-invoice"))
    repo = GitRepo(tmp_path / "repo")
    repo.commit("2026-11-01T09:00:00+00:00", valid_repo({"processes/promote-new-video.yaml": runs, "processes/send-invoice.yaml": invoice}))
    repo.git("checkout", "-q", "-b", "change")
    repo.commit("2026-11-02T09:00:00+00:00", {"processes/promote-new-video.yaml": runs.replace("A new video is", "A new film is")})
    charts = re.findall(r"```mermaid\n(.*?)```", run_cli("diff", repo.path, "--base", "main", "--format", "markdown")[1], re.S)
    repo.git("rm", "-q", "processes/send-invoice.yaml")
    missing = run_cli("graph", repo.path, "--detail")[1]
    comment, detail = rendered([*charts, missing], tmp_path)
    assert "Process send-invoice: Send <an> invoice #1" in comment, repr(comment)
    assert "Process send-invoice (does not exist)" in detail, detail
