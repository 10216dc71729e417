"""Security family: X001 secret-value.

Fake credentials are built when the tests run (a seeded generator, or pieces joined),
so that this repository holds no string a secret scanner would take for a leak.
"""

import json
import os
import random
import string
import time
from pathlib import Path

import pytest

from sop_lint.reporters import FORMATS
from sop_lint.rules.support.credentials import find_credentials
from tests.conftest import SAMPLE_REPO, SAMPLE_REPO_NOW, check_json, findings, run_cli
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP, edit, valid_repo

P, D, S = "processes/promote-new-video.yaml", "sops/draft-post-copy.md", "sops/schedule-post.yaml"
UPPER = string.ascii_uppercase + string.digits
ALNUM = string.ascii_letters + string.digits
BASE64 = ALNUM + "+/"


def fake(prefix: str, length: int, alphabet: str = ALNUM) -> str:
    """`prefix` and `length` characters that look random, the same on every run."""
    generator = random.Random(prefix + str(length))
    return prefix + "".join(generator.choice(alphabet) for _ in range(length))


AWS_KEY_ID = fake("AKIA", 16, UPPER)
AWS_SESSION_KEY_ID = fake("AS" + "IA", 16, UPPER)
GITHUB_TOKEN = fake("gh" + "p_", 36)
GITHUB_FINE_GRAINED = fake("github" + "_pat_", 82)
GITLAB_TOKEN = fake("gl" + "pat-", 20)
SLACK_TOKEN = fake("xo" + "xb-" + "2" * 12 + "-", 24)
SLACK_WEBHOOK = "https://hooks.slack.com/services/" + fake("T", 8, UPPER) + "/" + fake("B", 8, UPPER) + "/" + fake("", 24)
STRIPE_LIVE = fake("sk" + "_live_", 24)
STRIPE_RESTRICTED = fake("rk" + "_live_", 24)
STRIPE_TEST = fake("sk" + "_test_", 24)
GOOGLE_KEY = fake("AI" + "za", 35)
KEY_MATERIAL = fake("MII", 61, BASE64)
PASSWORD = "Acme-" + "2026!Buffer"
RANDOM_TOKEN = fake("", 32, "0123456789abcdef")
URL_PASSWORD = "Sw0rd" + "fish-77"
OPENAI_KEY = fake("s" + "k-", 48)
OPENAI_PROJECT_KEY = fake("s" + "k-proj-", 120, ALNUM + "_-")


def after_account(line: str) -> dict[str, str]:
    """The YAML SOP with `line` on line 6, right after `account`."""
    return {S: edit(SCHEDULE_SOP, "account: Company X account @acme\n", f"account: Company X account @acme\n{line}\n")}


def in_body(line: str) -> dict[str, str]:
    """The Markdown SOP with `line` as the last line of its body, line 14."""
    return {D: DRAFT_SOP + line + "\n"}


def in_instructions(line: str) -> dict[str, str]:
    """The YAML SOP with `line` as its last `instructions:` item, on line 11 after `  - `."""
    return {S: SCHEDULE_SOP + f"  - {line}\n"}


# (changes, secret, path, line, column): the column is where the secret starts.
SHAPES = {
    "aws-access-key-id": (after_account(f"x-aws-key: {AWS_KEY_ID}"), AWS_KEY_ID, S, 6, 12),
    "aws-session-key-id": (in_body(f"3. Export `AWS_ACCESS_KEY_ID={AWS_SESSION_KEY_ID}`."), AWS_SESSION_KEY_ID, D, 14, 30),
    "github-token": (after_account(f"# deploy: {GITHUB_TOKEN}"), GITHUB_TOKEN, S, 6, 11),
    "github-fine-grained-token": (in_body(f"3. Paste {GITHUB_FINE_GRAINED} into Settings."), GITHUB_FINE_GRAINED, D, 14, 10),
    "gitlab-token": (after_account(f"x-gitlab: '{GITLAB_TOKEN}'"), GITLAB_TOKEN, S, 6, 12),
    "slack-token": (in_body(f"3. The bot posts with {SLACK_TOKEN}"), SLACK_TOKEN, D, 14, 23),
    "slack-webhook": (after_account(f"x-alerts: {SLACK_WEBHOOK}"), SLACK_WEBHOOK, S, 6, 11),
    "stripe-live-key": (after_account(f"x-stripe: {STRIPE_LIVE}"), STRIPE_LIVE, S, 6, 11),
    "stripe-restricted-key": (in_body(f"Key for refunds: {STRIPE_RESTRICTED}"), STRIPE_RESTRICTED, D, 14, 18),
    "stripe-test-key": (after_account(f'x-stripe-sandbox: "{STRIPE_TEST}"'), STRIPE_TEST, S, 6, 20),
    "google-api-key": (in_body(f"3. Call the Maps API with key={GOOGLE_KEY}&v=3"), GOOGLE_KEY, D, 14, 31),
    "private-key-in-yaml": (
        after_account(f"x-deploy-key: |\n  -----BEGIN OPENSSH PRIVATE KEY-----\n  {KEY_MATERIAL}\n  -----END OPENSSH PRIVATE KEY-----"),
        KEY_MATERIAL, S, 7, 3,
    ),
    "private-key-in-markdown": (
        in_body(f"```\n-----BEGIN RSA PRIVATE KEY-----\n{KEY_MATERIAL}\n-----END RSA PRIVATE KEY-----\n```"),
        KEY_MATERIAL, D, 15, 1,
    ),
    "password-key": (after_account(f'x-password: "{PASSWORD}"'), PASSWORD, S, 6, 14),
    "db-password-key-with-comment": (after_account(f"x-db_password: {PASSWORD}  # rotated monthly"), PASSWORD, S, 6, 16),
    "passwd-in-comment": (after_account(f"# passwd: {PASSWORD}"), PASSWORD, S, 6, 11),
    "pwd-key": (after_account(f"x-admin-pwd: {PASSWORD}"), PASSWORD, S, 6, 14),
    "secret-key": (after_account(f"x-client_secret: {PASSWORD}"), PASSWORD, S, 6, 18),
    "password-in-markdown": (in_body(f"- **Password:** `{PASSWORD}`"), PASSWORD, D, 14, 18),
    "password-in-front-matter": (
        {D: edit(DRAFT_SOP, "account: The shared Social drive\n", f"account: The shared Social drive\nx-password: {PASSWORD}\n")},
        PASSWORD, D, 7, 13,
    ),
    "url-with-password": (
        in_body(f"3. Connect to postgres://reporting:{URL_PASSWORD}@db.acme.internal:5432/sales"),
        URL_PASSWORD, D, 14, 36,
    ),
    "random-token-after-key": (after_account(f"x-api_key: {RANDOM_TOKEN}"), RANDOM_TOKEN, S, 6, 12),
    "random-token-after-api": (in_body(f"API: {RANDOM_TOKEN}"), RANDOM_TOKEN, D, 14, 6),
    "bearer-token": (in_body(f"3. Send `Authorization: Bearer {RANDOM_TOKEN}`."), RANDOM_TOKEN, D, 14, 32),
    "password-is-in-a-sentence": (in_body(f"3. The password is {PASSWORD}."), PASSWORD, D, 14, 20),
    "password-is-at-the-start": (in_instructions(f"Password is {PASSWORD}"), PASSWORD, S, 11, 17),
    "password-in-parentheses": (in_body(f"3. Sign in as social@acme.example (password: {PASSWORD})."), PASSWORD, D, 14, 46),
    "password-then-a-note": (in_instructions(f"'password: {PASSWORD} (change it monthly)'"), PASSWORD, S, 11, 16),
    "password-then-a-comma": (in_body(f"The password is {PASSWORD}, change it monthly"), PASSWORD, D, 14, 17),
    "password-then-the-next-clause": (in_body(f"3. Password is {PASSWORD} if you get logged out."), PASSWORD, D, 14, 16),
    "the-password-named-in-a-sentence": (in_body(f"3. Sign in with the password {PASSWORD})."), PASSWORD, D, 14, 30),
    "pw-key": (in_body(f"- pw: {PASSWORD}"), PASSWORD, D, 14, 7),
    "pass-key": (after_account(f"x-pass: {PASSWORD}"), PASSWORD, S, 6, 9),
    "login-user-slash-password": (in_body(f"3. Log in with social@acme.example / {PASSWORD}"), PASSWORD, D, 14, 38),
    "login-in-instructions": (in_instructions(f"Log in as admin/{PASSWORD}"), PASSWORD, S, 11, 21),
    "openai-key-after-key-is": (in_body(f"3. The API key is {OPENAI_KEY}"), OPENAI_KEY, D, 14, 19),
    "openai-project-key": (in_instructions(f"Paste {OPENAI_PROJECT_KEY} into Settings"), OPENAI_PROJECT_KEY, S, 11, 11),
    "in-a-process": (
        {P: edit(PROCESS, "owner: \"@social-team\"\n", f"owner: \"@social-team\"\nx-token: {RANDOM_TOKEN}\n")},
        RANDOM_TOKEN, P, 5, 10,
    ),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_each_secret_shape_is_found_where_it_is_and_never_printed(repo, shape):
    changes, secret, path, line, column = SHAPES[shape]
    _, report = check_json(repo(valid_repo(changes)))
    assert [(f["path"], f["line"], f["column"], f["code"]) for f in report["findings"]] == [(path, line, column, "X001")]
    message = report["findings"][0]["message"]
    assert secret not in message and secret[-8:] not in message
    assert "`account`" in message and "the team's password manager" in message


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (after_account(f"x-aws-key: {AWS_KEY_ID}"), "an AWS access key id (`AKIA…`) is written here"),
        (in_body(f"Token: {GITHUB_TOKEN}"), "a GitHub token (`ghp_…`) is written here"),
        (in_body(f"Hook: {SLACK_WEBHOOK}"), "a Slack webhook URL (`https://hooks.slack.com/…`) is written here"),
        (after_account(f"x-stripe: {STRIPE_RESTRICTED}"), "a Stripe restricted key (`rk_live_…`) is written here"),
        (after_account(f"x-db_password: {PASSWORD}"), "a password (`x-db_password: …`) is written here"),
        (in_body(f"postgres://reporting:{URL_PASSWORD}@db"), "a password inside a URL (`postgres://…@…`) is written here"),
        (in_body(f"The key is {OPENAI_PROJECT_KEY}"), "an OpenAI API key (`sk-proj-…`) is written here"),
        (in_body(f"The password is {PASSWORD}."), "a password (`password: …`) is written here"),
        (in_body(f"Log in with admin / {PASSWORD}"), "a password (`…`) is written here"),
    ],
)
def test_messages_name_the_kind_and_show_only_a_public_prefix_or_the_key(repo, changes, message):
    _, report = check_json(repo(valid_repo(changes)))
    assert report["findings"][0]["message"] == (
        f"{message}: remove it, and revoke or change it since git history keeps it; name the account in "
        "`account` and keep the credential in the team's password manager"
    )


NOT_SECRETS_IN_MARKDOWN = [
    "Use the documented key AKIAIOSFODNN7EXAMPLE to try the CLI.",
    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "password: stored in 1Password under 'Buffer'",
    "Password: in the 1Password vault \"Social\", item \"Buffer\"",
    "**Password:** ask the social lead",
    "Password: 1Password",
    "password: <password>",
    "password: ${DB_PASSWORD}",
    "password: $DB_PASSWORD",
    "password: {{ db_password }}",
    "password: ***",
    "password: xxxxxxxx",
    "password: TBD",
    "password: required",
    "Secret: NDA applies",
    "Enter your password below, then press the key combination Ctrl+Shift+P.",
    "The API token is kept in 1Password; the key rotates every 90 days. API: see the Stripe dashboard.",
    "Never share credentials in chat: use the password manager.",
    "Open 1Password: Social vault, item Buffer.",
    "`pwd`: prints the folder you are in.",
    "token: ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "Webhook: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
    "Connect to postgres://user:password@db.acme.internal/sales or https://admin:${PASSWORD}@host",
    "Clone ssh://git@github.com/acme/ops.git and open https://acme.example:8443/path@v2.",
    "The file starts with `-----BEGIN OPENSSH PRIVATE KEY-----` and ends with an END line.",
    "-----BEGIN RSA PRIVATE KEY-----",
    "...",
    "-----END RSA PRIVATE KEY-----",
    "Publishable key (meant for the web page): pk_live_" + fake("", 24),
    "key: draft-post-copy-4071, token: acmestudio-social-lead-2026",
    "gpg --recv-keys " + fake("", 40, "0123456789ABCDEF"),  # public key fingerprints
    "const aliceSecret = alice.computeSecret(bobKey);",  # code that computes one
    *(
        "The password is in 1Password.",
        "password: stored in the vault",
        "The password is the one in the team vault.",
        "Ask IT for a password reset.",
        "Password is required.",
        "The password is <password>, the token $PASSWORD, the key {{ password }}.",
        "Password is ******** (ask the social lead).",
        "pw: $(pwd), pass: ${PASS}",
        "Boarding pass: gate 12; pass: 2026-11-30",
        "The password is Base64-encoded and 2FA-protected.",
        "Log in with SSO / MFA; sign in with your email / password; log in with Okta/SAML 2.0.",
        "Log in as admin / see 1Password, or log in with user / $PASSWORD.",
        "The key is in the vault; the token is rotated every 90 days.",
        "Install sk-learn-compatible-models-2026 and run the task-list-generator.",
        "The key is sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx in the docs.",
        "Password is required if you sign in from a new laptop.",
        "Reset the password if the client asks, then close the ticket.",
        "Keep it in the password manager and share the password 1Password generates.",
        "Use the password field when the form asks.",
    ),
]

NOT_SECRETS_IN_YAML = [
    "x-password: '<password>'",
    "x-db-password: \"${DB_PASSWORD}\"",
    "x-admin-password: !vault |",
    "x-password-manager: 1Password",
    "x-login-password: op://Social/Buffer/password",
    "x-api-key: TBD",
    "x-token: \"{{ slack_token }}\"",
    "x-aws: AKIAIOSFODNN7EXAMPLE  # the documentation's example",
    "x-login: Finance shared login via the password manager entry 'Xero admin'",
]


def test_documentation_placeholders_and_prose_about_passwords_pass(repo):
    changes = {
        D: DRAFT_SOP + "\n".join(NOT_SECRETS_IN_MARKDOWN) + "\n",
        S: edit(SCHEDULE_SOP, "account: Company X account @acme\n", "\n".join(["account: Company X account @acme", *NOT_SECRETS_IN_YAML, ""])),
    }
    assert findings(repo(valid_repo(changes)), "--select", "X") == []  # the prose is no instructions: only X counts


def test_prose_about_passwords_in_yaml_instructions_passes(repo):
    quoted = ["'" + line.replace("'", "''") + "'" for line in NOT_SECRETS_IN_MARKDOWN[-15:]]
    changes = {S: SCHEDULE_SOP + "".join(f"  - {line}\n" for line in quoted)}
    assert findings(repo(valid_repo(changes)), "--select", "X") == []  # prose for I002 (`Ask IT`) is not this rule's


def test_the_sample_repository_has_no_secrets():
    assert findings(SAMPLE_REPO, "--select", "X", "--now", SAMPLE_REPO_NOW) == []


def test_teams_can_add_placeholders(repo):
    files = valid_repo({"sop-lint.yaml": "extend-placeholders: [Acme-2026]\n", **after_account("x-password: Acme-2026!x")})
    assert findings(repo(files)) == []


def test_positions_are_right_with_a_byte_order_mark_and_crlf_line_ends(repo):
    text = "\ufeff" + (DRAFT_SOP + f"3. Log in with password: {PASSWORD}\n").replace("\n", "\r\n")
    assert findings(repo(valid_repo({D: text}))) == [(D, 14, 26, "X001")]


def test_a_file_that_does_not_parse_is_still_scanned(repo):
    broken = edit(SCHEDULE_SOP, "tone: Upbeat and conversational", f"tone: [Upbeat\nx-token: {RANDOM_TOKEN}")
    assert sorted(code for *_, code in findings(repo(valid_repo({S: broken})))) == ["X001", "Y001"]


def test_inline_comments_switch_it_off_for_one_line(repo):
    files = valid_repo(
        {
            S: edit(SCHEDULE_SOP, "account: Company X account @acme\n",
                    f"account: Company X account @acme\nx-password: {PASSWORD}  # sop-lint: disable=X001\n"
                    f"# sop-lint: disable=X001\nx-token: {RANDOM_TOKEN}\n"),
            D: DRAFT_SOP + f"<!-- sop-lint: disable=X001 -->\n3. Log in with password: {PASSWORD}\n",
        }
    )
    assert findings(repo(files)) == []
    files[D] += f"4. Or with password: {PASSWORD}x\n"
    assert findings(repo(files)) == [(D, 16, 22, "X001")]


def test_the_fingerprint_names_kind_and_key_never_the_secret(repo):
    root = repo(valid_repo(after_account(f"x-password: {PASSWORD}")))
    _, before = check_json(root)
    # a changed password, written two lines lower, is the same finding: the secret is no part of it
    (root / S).write_text(edit(SCHEDULE_SOP, "account: Company X account @acme\n", f"account: Company X account @acme\n\n\nx-password: {PASSWORD}9\n"))
    _, after = check_json(root)
    assert [f["line"] for f in after["findings"]] == [8]
    assert [f["fingerprint"] for f in after["findings"]] == [f["fingerprint"] for f in before["findings"]]


def test_no_output_format_nor_any_file_written_holds_a_secret(repo, tmp_path):
    """Every format of `check`, a baseline, and what the cache keeps between runs."""
    secrets = [secret for _, secret, *_ in SHAPES.values()]
    lines = [f"x-{index}-password: {secret}" for index, secret in enumerate(secrets)]
    changes = {
        S: edit(SCHEDULE_SOP, "account: Company X account @acme\n", "\n".join(["account: Company X account @acme", *lines, ""])),
        D: DRAFT_SOP + "\n".join(f"- Password: {secret}" for secret in secrets) + "\n",
    }
    root = repo(valid_repo(changes))
    outputs = []
    for output_format in sorted(FORMATS):
        for _ in range(2):  # the second run reads the cache
            code, out, err = run_cli("check", root, "--format", output_format)
            assert code == 1, err
            outputs += [out, err]
    assert len(json.loads(run_cli("check", root, "--format", "json")[1])["findings"]) == 2 * len(secrets)
    baseline = tmp_path / "baseline.json"
    outputs += list(run_cli("check", root, "--baseline", baseline, "--write-baseline")[1:])
    written = [baseline, *Path(os.environ["XDG_CACHE_HOME"]).rglob("*")]
    assert any(path.name.endswith(".pickle") for path in written), "the cache was written"
    contents = [*(text.encode() for text in outputs), *(path.read_bytes() for path in written if path.is_file())]
    for secret in secrets:
        for piece in (secret, secret[-8:]):
            assert not any(piece.encode() in content for content in contents), f"{piece!r} was printed or kept"


@pytest.mark.parametrize(
    "line",
    [
        "password: correct horse battery staple",  # a passphrase of words reads as prose: left out
        "Password: sunshine",  # a single plain word is prose too
        "token: 3f2a",  # too short to be random
        "Token: ZxQwErTyUiOpAsDfGhJkLm",  # no digit
        "key: 2026-11-24T09:30:00Z",
        "monkey: " + fake("", 24),  # `key` ends a longer word
    ],
)
def test_what_is_left_out_on_purpose(line):
    assert find_credentials(line) == []


def test_a_file_full_of_secrets_stops_at_a_bound():
    text = "\n".join(f"x-{index}: AKIA{index:04d}{fake('', 12, UPPER)}" for index in range(500))
    assert len(find_credentials(text)) == 100


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit",
    [
        "key: x ", "password: xxxxxx ", "://u:xxxx@", "-----BEGIN RSA PRIVATE KEY-----", "AKIA" + "A" * 15 + "-", "sk_live_",
        "Password is xxxxxx ", "(password: Ab1!xx) ", "pw: xxxxxx ", "log in with u / ", "login ", "sk-", "sk-proj-a",
    ],
)
def test_hostile_text_costs_linear_time(unit):
    """A megabyte on one line, with a candidate every few characters and no finding to end
    the scan early: a search to the end of the line from each would take minutes. Timed
    against a megabyte of plain words scanned in the same test, so that a busy machine
    (the suite runs a process per core) does not fail a linear scan."""
    text = unit * (1_000_000 // len(unit))
    start = time.perf_counter()
    find_credentials("plain words " * (1_000_000 // 12))
    plain = time.perf_counter() - start
    start = time.perf_counter()
    find_credentials(text)
    assert time.perf_counter() - start < max(3.0, 300 * plain)  # a quadratic scan takes minutes
