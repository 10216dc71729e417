"""The sample repository passes; a copy with one defect per rule reports exactly those."""

import re
import shutil

from sop_lint.rules.registry import RULES
from tests.conftest import SAMPLE_REPO, SAMPLE_REPO_NOW, findings, run_cli
from tests.gitrepo import GitRepo
from tests.repos import billion_laughs


def test_sample_repo_passes_with_no_findings():
    code, out, err = run_cli("check", SAMPLE_REPO, "--now", SAMPLE_REPO_NOW)
    assert (code, err) == (0, "")
    assert out.startswith("All checks passed (23 files checked)")


def replace_line(text: str, pattern: str, new: str) -> str:
    """Replaces the one line matching `pattern` (a regex for the whole line)."""
    result, count = re.subn(rf"(?m)^{pattern}$", new, text)
    assert count == 1, f"{pattern!r} matched {count} lines"
    return result


def test_one_defect_per_rule_gives_exactly_those_findings(tmp_path):
    root = tmp_path / "ops"
    shutil.copytree(SAMPLE_REPO, root)

    def edit(path: str, pattern: str, new: str) -> None:
        (root / path).write_text(replace_line((root / path).read_text(), pattern, new))

    def add(path: str, content: str) -> None:
        (root / path).write_text(content)

    valid_process = (
        "kind: process\nid: {id}\ntitle: T\ntrigger: A client asks\noutcome: Done\n"
        "steps:\n  - name: Export time\n    sop: export-billable-time\n"
    )
    add("sops/finance/refund-request.yaml", "kind: sop\nid: refund-request\n  title: Refund\n")  # Y001
    (root / "sops/clients/setup-client-workspace.yaml").open("a").write('owner: "@ops"\n')  # Y002
    add("sops/social/reply-to-comments.md", "# Reply to comments\n\n1. Open YouTube Studio.\n")  # Y003
    edit("sops/video/design-thumbnail.yaml", r"tool: .*", r"\g<0>\ntols: Canva")  # S001
    edit("processes/promote-new-video.yaml", r"trigger: .*", "trigger: TBD")  # P001
    edit("processes/client-onboarding.yaml", r"outcome: .*", "x-outcome: later")  # P002
    add("processes/hire-freelancer.yaml", valid_process.format(id="hire-freelancer").split("steps:")[0] + "steps: []\n")  # P003
    edit("processes/publish-newsletter.yaml", r"  - name: Write the issue", "  - name: 2. Write the issue")  # P004
    edit("processes/monthly-invoicing.yaml", r"  - name: Chase overdue invoices", "  - name: Create and send the invoices")  # P005
    (root / "processes/publish-video.yaml").open("a").write("  - name: Announce it in Slack\n")  # P006
    edit("processes/client-onboarding.yaml", r"    sop: create-xero-invoice", "    sop: create-xero-invoices")  # R001
    thumbnail = (root / "sops/video/design-thumbnail.yaml").read_text().replace("tols: Canva\n", "")
    add("sops/social/boost-post.yaml", thumbnail.replace("id: design-thumbnail", "id: schedule-post"))  # R002, a copy
    (root / "sops/video/publish-video-listing.md").rename(root / "sops/video/video-listing.md")  # R003
    add("sops/social/post-to-threads.md", (root / "sops/social/prepare-media.md").read_text().replace("id: prepare-media", "id: post-to-threads"))  # R004
    (root / "processes/promote-new-video.yaml").open("a").write("  - name: Publish the next video\n    process: publish-video\n")  # R005
    edit("sops/newsletter/write-newsletter.md", r"tone: .*", "x-tone: to be agreed")  # C001
    edit("sops/finance/chase-overdue-invoices.md", r"account: .*", "account: TBD - ask finance")  # C002
    text = (root / "sops/clients/prepare-kickoff-call.md").read_text()  # C003
    (root / "sops/clients/prepare-kickoff-call.md").write_text(text[: text.index("\n# ") + 1] + "# Prepare the kickoff call\n")
    edit("sops/social/prepare-media.md", r"tone: .*", r"\g<0>\nreview_every: 7d")  # H001, 23 days after the commit
    edit("sops/clients/send-welcome-pack.md", r"tone: .*", r"\g<0>\nreview_every: 30d")  # H002, due in 7 days
    edit("sops/video/upload-youtube-video.md", r"tone: .*", r"\g<0>\nlast_reviewed: 2027-01-01")  # H004
    password = "Acme-" + "2026!Buffer"  # built here, so that no scanner takes this file for a leak
    edit("sops/social/schedule-post.md", r"  1Password vault .*", rf"\g<0>\n- **Locked out**: the backup password: {password}")  # X001
    add("sops/finance/laughs.yaml", billion_laughs())  # Y005
    edit("sops/newsletter/schedule-newsletter.md", r"   same moment\.", "   same moment. TODO: the holiday schedule")  # I001
    edit("sops/social/post-to-threads.md", r"tool: .*", "tool: Threads")  # I005: its steps name Canva, Notion, Google Drive; V001
    edit("sop-lint.yaml", r"    - name: Loom", "    - name: Loom\n      replaced-by: Frame.io")  # V002
    edit("sops/finance/export-billable-time.md", r"account: .*", "account: Sam's own login, Admin seat")  # V003
    edit("sops/newsletter/test-send-newsletter.yaml", r"account: .*", "account: Company X account @acmestudio")  # V004
    edit("sops/newsletter/build-mailchimp-campaign.md", r"owner: .*", 'owner: "@editorail"')  # V005
    edit("sops/social/draft-post-copy.md", r"tool: .*", "tool: notion")  # V006, without the inventory
    contract = (root / "sops/clients/send-client-contract.md").read_text()  # I006: steps that name no tool
    add("sops/clients/send-client-contract.md", contract[: contract.index("\n# ") + 1] + "# Send the contract\n\n1. Fill in the contract template.\n2. Send it to the client to sign.\n")
    edit("sops/newsletter/schedule-newsletter.md", r"5\. (Click \*\*Schedule Campaign.*)", r"6. \1")  # I007
    edit("sops/social/prepare-media.md", r"   itself\.", "   itself. Which template do we use for Shorts?")  # I004
    edit("sops/newsletter/schedule-newsletter.md", r'   "Approved for send" comment\. If either is missing, stop here\.', '   "Approved for send" comment. If either is missing, ask Priya.')  # I002
    edit("sops/newsletter/write-newsletter.md", r"     why;", "     why, and so on;")  # I003
    (tmp_path / "elsewhere.md").write_text("---\nkind: sop\n---\n")
    (root / "sops/finance/elsewhere.md").symlink_to(tmp_path / "elsewhere.md")  # Y006
    add("processes/quarterly-review.yaml", valid_process.format(id="quarterly-review"))
    repo = GitRepo(root)
    repo.commit("2026-11-01T09:00:00+00:00", message="The ops repository, defects and all")
    # Y004, and H003: changed after export-billable-time was last reviewed (2026-11-03)
    edit("processes/quarterly-review.yaml", "kind: process", "kind: proces")
    repo.commit("2026-11-10T09:00:00+00:00", message="Change the quarterly review")
    repo.commit("2026-11-12T09:00:00+00:00", None, "Review prepare-media", "SOP-Reviewed: prepare-medai")  # H005

    found = findings(root, "--now", "2026-11-24")
    assert sorted({code for *_, code in found}) == sorted(set(RULES) - {"V006"})  # V006 runs without an inventory only
    (tmp_path / "no-inventory.yaml").write_text("review-every: 180d\n")
    assert findings(root, "--config", tmp_path / "no-inventory.yaml", "--select", "V") == [("sops/social/draft-post-copy.md", 6, 7, "V006")]
    assert found == [
        ("processes/client-onboarding.yaml", 1, 1, "P002"),
        ("processes/client-onboarding.yaml", 18, 10, "R001"),
        ("processes/hire-freelancer.yaml", 6, 1, "P003"),
        ("processes/monthly-invoicing.yaml", 20, 11, "P005"),
        ("processes/promote-new-video.yaml", 9, 10, "P001"),
        ("processes/promote-new-video.yaml", 20, 14, "R005"),
        ("processes/publish-newsletter.yaml", 13, 11, "P004"),
        ("processes/publish-video.yaml", 22, 5, "P006"),
        ("processes/quarterly-review.yaml", 1, 7, "Y004"),
        ("sops/clients/prepare-kickoff-call.md", 11, 1, "C003"),
        ("sops/clients/send-client-contract.md", 6, 7, "I006"),
        ("sops/clients/send-welcome-pack.md", 3, 5, "H002"),
        ("sops/clients/send-welcome-pack.md", 6, 19, "V002"),
        ("sops/clients/setup-client-workspace.yaml", 21, 1, "Y002"),
        ("sops/finance/chase-overdue-invoices.md", 7, 10, "C002"),
        ("sops/finance/elsewhere.md", 1, 1, "Y006"),
        ("sops/finance/export-billable-time.md", 3, 5, "H003"),
        ("sops/finance/export-billable-time.md", 7, 10, "V003"),
        ("sops/finance/laughs.yaml", 5, 4, "Y005"),
        ("sops/finance/refund-request.yaml", 3, 8, "Y001"),
        ("sops/newsletter/build-mailchimp-campaign.md", 5, 8, "V005"),
        ("sops/newsletter/schedule-newsletter.md", 20, 55, "I002"),
        ("sops/newsletter/schedule-newsletter.md", 27, 17, "I001"),
        ("sops/newsletter/schedule-newsletter.md", 28, 1, "I007"),
        ("sops/newsletter/test-send-newsletter.yaml", 6, 10, "V004"),
        ("sops/newsletter/write-newsletter.md", 2, 1, "C001"),
        ("sops/newsletter/write-newsletter.md", 29, 11, "I003"),
        ("sops/social/boost-post.yaml", 2, 5, "R002"),
        ("sops/social/post-to-threads.md", 3, 5, "R004"),
        ("sops/social/post-to-threads.md", 6, 7, "V001"),
        ("sops/social/post-to-threads.md", 15, 1, "I005"),
        ("sops/social/prepare-media.md", 3, 5, "H001"),
        ("sops/social/prepare-media.md", 3, 5, "H005"),
        ("sops/social/prepare-media.md", 25, 12, "I004"),
        ("sops/social/reply-to-comments.md", 1, 1, "Y003"),
        ("sops/social/schedule-post.md", 47, 40, "X001"),
        ("sops/video/design-thumbnail.yaml", 6, 1, "S001"),
        ("sops/video/upload-youtube-video.md", 10, 16, "H004"),
        ("sops/video/video-listing.md", 3, 5, "R003"),
    ]
    assert run_cli("check", root, "--now", "2026-11-24")[0] == 1
