"""`sop-lint graph`: flowcharts whose structure is checked by parsing it."""

import itertools
import re

from tests.conftest import SAMPLE_REPO, run_cli, write_files
from tests.repos import ten_processes

NODE = re.compile(r"^\s+(\w+)(?:\[|\(\[|\(\")")
EDGE_LABEL = re.compile(r'\|"[^"\n]*"\|\s*')


def parse_mermaid(text: str) -> tuple[set[str], list[tuple[str, str]], list[str]]:
    """Declared nodes, edges (as pairs) and subgraph ids of a flowchart."""
    lines = text.splitlines()
    assert lines[0] in ("flowchart TD", "flowchart LR")
    nodes, edges, subgraphs = set(), [], []
    for line in lines[1:]:
        stripped = line.strip()
        if stripped.startswith("subgraph "):
            subgraphs.append(stripped.split()[1].split("[")[0])
        elif stripped == "end" or stripped.startswith(("classDef ", "class ")):
            continue
        elif any(arrow in stripped for arrow in ("-->", "-.->", "==>")):
            parts = re.split(r"\s+(?:-->|-\.->|==>)\s+", EDGE_LABEL.sub(" ", stripped))
            edges += list(itertools.pairwise(parts))
        else:
            match = NODE.match(line)
            assert match, line
            nodes.add(match.group(1))
    assert text.count("subgraph ") == text.count("\n  end\n")
    return nodes, edges, subgraphs


def test_every_process_is_a_chain_from_trigger_to_outcome_and_steps_link_their_sops():
    code, out, _ = run_cli("graph", SAMPLE_REPO, "--detail")
    assert code == 0
    nodes, edges, subgraphs = parse_mermaid(out)
    assert all(a in nodes and b in nodes for a, b in edges), "every edge joins declared nodes"
    assert sorted(subgraphs) == ["p_client_2d_onboarding", "p_monthly_2d_invoicing", "p_promote_2d_new_2d_video", "p_publish_2d_newsletter", "p_publish_2d_video"]
    video = [pair for pair in edges if pair[0].startswith("p_promote_2d_new_2d_video")]
    assert ("p_promote_2d_new_2d_video_trigger", "p_promote_2d_new_2d_video_step1") in video
    assert ("p_promote_2d_new_2d_video_step3", "p_promote_2d_new_2d_video_outcome") in video
    assert ("p_promote_2d_new_2d_video_step3", "sop_p_schedule_2d_post") in video
    assert ("p_publish_2d_video_step4", "p_promote_2d_new_2d_video_trigger") in edges  # a sub-process
    assert '["3. Schedule post"]' in out


def node(identifier: str) -> str:
    return "p_" + identifier.replace("-", "_2d_")


RUNS = [("close-the-month", 1, "monthly-invoicing"), ("close-the-month", 2, "run-payroll"), ("hire-a-freelancer", 2, "client-onboarding"),
        ("launch-online-course", 2, "publish-video"), ("launch-online-course", 3, "publish-newsletter"), ("publish-video", 4, "promote-new-video")]


def test_all_processes_are_an_overview_of_one_node_per_process_joined_by_their_sub_processes(tmp_path):
    """Issue 14, item 3: ten processes drawn step by step, with their shared SOPs, were a
    tangle 7,536 pixels wide; the overview is one node per process: its title, what starts
    it, what it ends with, any SOP it lacks, and an arrow to each sub-process it runs."""
    root = write_files(tmp_path / "repo", ten_processes(SAMPLE_REPO))
    code, out, err = run_cli("graph", root)
    assert (code, err) == (0, "")
    nodes, edges, subgraphs = parse_mermaid(out)
    identifiers = sorted(path.stem for path in (root / "processes").iterdir())
    assert len(identifiers) == 10 and subgraphs == []
    assert nodes == {node(identifier) for identifier in identifiers}
    assert sorted(edges) == sorted((node(caller), node(callee)) for caller, _, callee in RUNS)
    for caller, step, callee in RUNS:
        assert f'  {node(caller)} ==>|"runs at step {step}"| {node(callee)}' in out
    assert '  p_run_2d_payroll("#60;b#62;' not in out and (
        '  p_run_2d_payroll("<b>Run the monthly payroll</b><br>Starts: The 20th of the month<br>'
        'Ends: Everyone is paid on the last working day<br>SOP file-payslips does not exist")'
    ) in out
    assert "class p_run_2d_payroll missing" in out
    assert len(out.splitlines()) == 1 + 10 + len(RUNS) + 2
    dot = run_cli("graph", root, "--format", "dot")[1]
    assert "subgraph" not in dot and len(re.findall(r'^  "[\w-]+" \[label=', dot, re.M)) == 10
    assert '  "launch-online-course" -> "publish-newsletter" [style=bold, label="runs at step 3"];' in dot
    assert '  "run-payroll" [label="Run the monthly payroll\\nStarts: The 20th of the month\\nEnds: Everyone is paid on the last\\n' in dot
    assert "SOP file-payslips does not exist\", color=red, style=\"rounded,dashed\"];" in dot
    detail = parse_mermaid(run_cli("graph", root, "--detail")[1])[2]
    assert sorted(detail) == [node(identifier) for identifier in identifiers]  # every process step by step, when asked


def test_one_process_brings_its_sub_processes_and_nothing_else():
    nodes, _, subgraphs = parse_mermaid(run_cli("graph", SAMPLE_REPO, "--process", "publish-video")[1])
    assert subgraphs == ["p_publish_2d_video", "p_promote_2d_new_2d_video"]
    assert "sop_p_create_2d_xero_2d_invoice" not in nodes


def test_dot_output_is_balanced_and_names_every_step():
    code, out, _ = run_cli("graph", SAMPLE_REPO, "--process", "promote-new-video", "--format", "dot")
    assert code == 0 and out.startswith("digraph sop_lint {") and out.rstrip().endswith("}")
    assert out.count("{") == out.count("}")
    assert '"process:promote-new-video:trigger" -> "process:promote-new-video:step1" -> "process:promote-new-video:step2"' in out
    assert '"process:promote-new-video:step3" -> "sop:schedule-post" [style=dashed];' in out


def test_an_unknown_process_is_a_usage_error_with_a_suggestion():
    code, _, err = run_cli("graph", SAMPLE_REPO, "--process", "promote-new-vide")
    assert (code, err) == (2, "sop-lint: error: no process `promote-new-vide`: did you mean `promote-new-video`?\n")


def test_an_unknown_process_given_by_title_or_a_start_of_its_id_is_found_for_the_user():
    """What a hurried user types: the title the overview shows, or the first word of the id.
    A title gave the suggestion of another process's id; a start, no help at all."""
    assert run_cli("graph", SAMPLE_REPO, "--process", "promote a new video on social media")[2] == (
        "sop-lint: error: no process `promote a new video on social media`: did you mean `promote-new-video`?\n"
    )
    assert run_cli("graph", SAMPLE_REPO, "--process", "promote")[2] == "sop-lint: error: no process `promote`: did you mean `promote-new-video`?\n"
    assert run_cli("graph", SAMPLE_REPO, "--process", "zzz")[2] == (
        "sop-lint: error: no process `zzz`: --process takes the `id` of a process; plain `sop-lint graph` draws every process\n"
    )


# A process whose values try to end a label and add attributes, links or terminal escapes
# (issue 12, items 16 and 21).
HOSTILE_PROCESS = r"""kind: process
id: evil
title: "Title \x1b[2K\rAll checks passed \u202e"
trigger: 'x" href="javascript:alert(2)" y="'
outcome: "done \\\" ] ; \x9b2K"
steps:
  - name: 'a"]; click a href "javascript:alert(3)"; x["'
    sop: 'x" URL="javascript:alert(4)" target="_top'
  - name: "two\nlines\u2028and \\N"
    sop: "y\\"
"""
DOT_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
DOT_WORDS = {"digraph", "sop_lint", "subgraph", "rankdir", "TB", "node", "fontname", "Helvetica", "label", "shape", "style",
             "oval", "box", "note", "dashed", "bold", "color", "red", "LR", "edge", "rounded"}


def hostile_graph(tmp_path, output_format: str, *options: str) -> str:
    root = write_files(tmp_path / "repo", {"processes/evil.yaml": HOSTILE_PROCESS})
    code, out, err = run_cli("graph", root, "--format", output_format, *options)
    assert (code, err) == (0, "")
    hidden = [char for char in out if (char < " " and char != "\n") or "\x7f" <= char <= "\x9f" or char in "\u202e\u2028"]
    assert hidden == []
    return out


def test_dot_keeps_every_value_inside_an_escaped_string(tmp_path):
    overview = hostile_graph(tmp_path / "overview", "dot")
    out = hostile_graph(tmp_path, "dot", "--detail")
    for chart in (overview, out):
        outside = DOT_STRING.sub(" ", chart)
        assert '"' not in outside and "\\" not in outside
        assert set(re.findall(r"[A-Za-z_]\w*", outside)) <= DOT_WORDS  # no URL, href, target: only sop-lint's own words
        assert set(re.sub(r"[\w\s]", "", outside)) <= set("{}[]=,;->")
    assert '"evil" [label="Title \\\\x1b[2K All checks passed \\\\u202e\\nStarts: x\\"\\nhref=\\"javascript' in overview  # \\n: a new line
    assert '-> "sop:x\\" URL=\\"javascript:alert(4)\\" target=\\"_top" [style=dashed];' in out
    assert 'label="1. a\\"]; click a href \\"javascript:alert(3)\\"; x[\\""' in out
    assert 'label="Title \\\\x1b[2K All checks passed \\\\u202e"' in out  # a line break is a space, as in every label
    assert 'label="2. two lines and \\\\N"' in out  # a backslash is text, never a DOT escape


def test_mermaid_keeps_every_value_inside_its_label(tmp_path):
    for out in (hostile_graph(tmp_path / "overview", "mermaid"), hostile_graph(tmp_path, "mermaid", "--detail")):
        nodes, edges, subgraphs = parse_mermaid(out)
        assert all(a in nodes and b in nodes for a, b in edges)
        assert all(re.fullmatch(r"\w+", name) for name in [*nodes, *subgraphs])
        assert not any(line.strip().startswith("click") for line in out.splitlines())
        assert re.sub(r"</?b>|<br>", "", out).count("<") == 0  # the only tags are sop-lint's own


def test_mermaid_labels_keep_placeholders_hashes_and_ampersands():
    """Issue 14, item 1: `<client name>` vanished (HTML) and `#general` became an entity."""
    from sop_lint.model.flows import Flow
    from sop_lint.model.summary import Step
    from sop_lint.reporters.flowcharts import mermaid

    flow = Flow("send", "Send <the> contract", "A deal & a \"yes\"", "Signed `now`", (Step(0, "Post in #general; tag @finance", "post", None),))
    text = mermaid([flow])
    assert '"Send #60;the#62; contract"' in text
    assert "Post in #35;general; tag @finance" in text
    assert '"A deal #38; a #34;yes#34;"' in text and "Signed #96;now#96;" in text
    assert not re.search(r'"[^"\n]*[<>&`][^"\n]*"', text)  # no raw markup inside any label


def test_mermaid_node_ids_never_collide():
    """Issue 14, item 2: `send-invoice` and `send_invoice` were one node; a process
    `x-step1` was step 1 of process `x`."""
    from sop_lint.model.flows import Flow
    from sop_lint.model.summary import Step
    from sop_lint.reporters.flowcharts import mermaid

    flows = [
        Flow("x", "X", "t", "o", (Step(0, "a", "send-invoice", None), Step(1, "b", "send_invoice", None))),
        Flow("x-step1", "Y", "t", "o", (Step(0, "c", "send-invoice", None),)),
    ]
    nodes, _, subgraphs = parse_mermaid(mermaid(flows))
    assert len(subgraphs) == len(set(subgraphs)) == 2
    assert {"sop_p_send_2d_invoice", "sop_p_send_5f_invoice"} <= nodes
    step_and_trigger_nodes = [node for node in nodes if not node.startswith("sop_")]
    assert len(step_and_trigger_nodes) == len(set(step_and_trigger_nodes)) == 2 + 2 + 2 + 1


def test_graph_tells_what_the_pr_comment_tells(tmp_path):
    """Issue 14, item 3: a missing SOP is marked, a numbered step name keeps one number,
    an SOP box shows its title, and an unreadable process is said, not left out."""
    from tests.repos import PROCESS, valid_repo

    process = PROCESS.replace("sop: schedule-post", "sop: schedule-posts").replace("name: Schedule post", "name: 2. Schedule post")
    root = write_files(tmp_path / "repo", valid_repo({"processes/promote-new-video.yaml": process, "processes/broken.yaml": "steps: [\n"}))
    code, out, err = run_cli("graph", root, "--detail")
    assert code == 0
    assert '[/"SOP schedule-posts (does not exist)"/]' in out and "class sop_p_schedule_2d_posts missing" in out
    assert '["2. Schedule post"]' in out and "2. 2." not in out
    assert '[/"SOP draft-post-copy: Draft the social post copy"/]' in out
    syntax = "Y001 YAML syntax error: expected the node content, but found '<stream end>': a `[` or `{` is opened and never closed, or a value inside it needs quotes"
    assert err == f"sop-lint: note: a process file that cannot be read is not drawn: processes/broken.yaml:2:1: {syntax}\n"
    assert run_cli("graph", root, "--process", "broken") == (2, "", f"sop-lint: error: process `broken` cannot be drawn: processes/broken.yaml:2:1: {syntax}\n")
    assert "SOP schedule-posts does not exist" in run_cli("graph", root)[1]  # the overview says it too
    for name in ("b", "c", "d", "e"):
        write_files(root, {f"processes/more/{name} {name}.yaml": "kind: process\nid: x\ntitle: [\n"})
    err = run_cli("graph", root)[2].splitlines()
    assert err[0].startswith("sop-lint: note: a process file that cannot be read is not drawn: processes/broken.yaml:2:1: Y001 ")
    assert err[1].startswith("sop-lint: note: a process file that cannot be read is not drawn: processes/more/b b.yaml:4:1: Y001 ")
    assert err[3:] == ["sop-lint: note: 2 more process files cannot be read and are not drawn: `sop-lint check` lists them"]
    dot = run_cli("graph", root, "--format", "dot", "--detail")[1]
    assert '"sop:schedule-posts" [shape=note, label="SOP schedule-posts (does not exist)", color=red, style=dashed];' in dot


def test_a_step_running_a_missing_sub_process_is_marked_as_one_using_a_missing_sop_is(tmp_path):
    """Issue 14, item 3 for sub-processes: a step that runs a process no file has was drawn
    as a plain step, in `graph` and in the PR comment's chart of a change that deletes the
    sub-process, so the chart of the most affected process showed nothing wrong. A
    sub-process the chart does not draw (the comment draws one process a chart) is a box
    with its title."""
    from tests.gitrepo import GitRepo
    from tests.repos import PROCESS, valid_repo
    from tests.test_diff_comment import comment

    runs = PROCESS.replace("  - name: Schedule post\n    sop: schedule-post\n", "  - name: Send the invoice\n    process: send-invoice\n")
    invoice = PROCESS.replace("id: promote-new-video", "id: send-invoice").replace("title: Promote a new video on social media", "title: Send <an> invoice")
    root = write_files(tmp_path / "repo", valid_repo({"processes/promote-new-video.yaml": runs.replace("send-invoice", "send-invoices")}))
    detail = run_cli("graph", root, "--detail")[1]
    assert '  run_p_send_2d_invoices[["Process send-invoices (does not exist)"]]' in detail
    assert "  p_promote_2d_new_2d_video_step2 ==> run_p_send_2d_invoices" in detail
    assert re.search(r"^  class (\w+,)*run_p_send_2d_invoices\b.* missing$", detail, re.M), detail
    assert "Process send-invoices does not exist" in run_cli("graph", root)[1]
    dot = run_cli("graph", root, "--format", "dot", "--detail")[1]
    assert '"run:send-invoices" [shape=box, style=dashed, color=red, label="Process send-invoices (does not exist)"];' in dot

    repo = GitRepo(tmp_path / "git")
    repo.commit("2026-01-05T09:00:00+00:00", valid_repo({"processes/promote-new-video.yaml": runs, "processes/send-invoice.yaml": invoice}))
    repo.git("checkout", "-q", "-b", "change")
    repo.commit("2026-02-05T09:00:00+00:00", {"processes/promote-new-video.yaml": runs.replace("A new video is", "A new film is")})
    [chart] = re.findall(r"```mermaid\n(.*?)```", comment(repo), re.S)
    assert '  run_p_send_2d_invoice[["Process send-invoice: Send #60;an#62; invoice"]]' in chart
    assert "class run_p_send_2d_invoice " not in chart
    repo.git("rm", "-q", "processes/send-invoice.yaml")
    repo.commit("2026-03-05T09:00:00+00:00", None, "remove the sub-process")
    [chart] = re.findall(r"```mermaid\n(.*?)```", comment(repo), re.S)
    assert '  run_p_send_2d_invoice[["Process send-invoice (does not exist)"]]' in chart
    assert "class run_p_send_2d_invoice missing" in chart


def test_dot_node_names_never_collide(tmp_path):
    """Issue 14, item 2 in DOT: a process `sop` whose step 1 uses the SOP `step1` gave both
    the node `"sop:step1"`, so Graphviz drew one node, the step lost, with an arrow to
    itself. Each kind of node has a prefix of its own, which no other kind's name starts with."""
    sop = "---\nkind: sop\nid: {0}\ntitle: The {0} SOP\ntool: Docs\naccount: ops@acme.example\nformat: A doc\ntone: Plain\n---\n1. Open Docs.\n"
    process = "kind: process\nid: {0}\ntitle: T\ntrigger: T\noutcome: O\nsteps:\n  - name: Write\n    sop: step1\n  - name: Run\n    process: {1}\n"
    root = write_files(tmp_path / "repo", {
        "processes/sop.yaml": process.format("sop", "run"), "processes/run.yaml": process.format("run", "step2"), "sops/step1.md": sop.format("step1"),
    })
    for options in ([], ["--detail"]):
        out = run_cli("graph", root, "--format", "dot", *options)[1]
        declared = re.findall(r'^\s+("(?:[^"\\]|\\.)*") \[', out, re.M)
        assert len(declared) == len(set(declared)) == (2 if not options else 2 * 4 + 1 + 1), out  # steps and ends, one SOP, one missing run
        assert not re.search(r'^\s+("(?:[^"\\]|\\.)*") -> \1 ', out, re.M), out  # no node points at itself
