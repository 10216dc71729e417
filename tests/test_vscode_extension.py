"""The VS Code extension (editors/vscode) is packaged by the real `vsce` into a `.vsix`,
and the packaged manifest is what the editor will read (issue 16).

`.ci/run` installs vsce from npm into the cache home the other npm tools use; the
extension's own dependency (vscode-languageclient) is installed from npm into a copy of
its folder, as `npm install` before `vsce package` does for anyone who builds it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, npm_tool

pytestmark = pytest.mark.slow
VSCE = npm_tool("@vscode", "vsce", "vsce")
EXTENSION = REPO_ROOT / "editors" / "vscode"


@pytest.fixture(scope="module")
def vsix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.skip("npm and node are not installed (.ci/run uses Debian's)")
    if not VSCE.is_file():
        pytest.skip(f"vsce is not installed at {VSCE} (.ci/run installs it from npm)")
    folder = tmp_path_factory.mktemp("vscode") / "extension"
    shutil.copytree(EXTENSION, folder)
    installed = subprocess.run(["npm", "install", "--omit=dev", "--no-audit", "--no-fund"], cwd=folder, capture_output=True, text=True)
    if installed.returncode != 0:
        pytest.skip(f"npm could not install the extension's dependencies: {installed.stderr.strip()[-300:]}")
    packaged = subprocess.run(["node", str(VSCE), "package", "--out", "sop-lint.vsix"], cwd=folder, capture_output=True, text=True)
    assert packaged.returncode == 0, packaged.stdout + packaged.stderr
    return folder / "sop-lint.vsix"


def test_the_extension_packages_with_its_client_library_and_its_setting(vsix: Path):
    with zipfile.ZipFile(vsix) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("extension/package.json"))
    assert {"extension/extension.js", "extension/readme.md", "extension/LICENSE.txt", "extension.vsixmanifest"} <= names
    assert "extension/node_modules/vscode-languageclient/package.json" in names
    assert manifest["main"] == "./extension.js" and manifest["engines"]["vscode"].startswith("^1.")
    assert manifest["contributes"]["configuration"]["properties"]["sop-lint.path"]["default"] == "sop-lint"
    assert "workspaceContains:**/sop-lint.yaml" in manifest["activationEvents"]


def test_the_extension_starts_the_language_server_with_the_configured_program():
    """What `extension.js` runs: the `sop-lint.path` setting, with the `lsp` command."""
    script = (EXTENSION / "extension.js").read_text(encoding="utf-8")
    assert 'getConfiguration("sop-lint").get("path") || "sop-lint"' in script
    assert '{ command, args: ["lsp"] }' in script
    selector = ['{ scheme: "file", language: "yaml" }', '{ scheme: "file", language: "markdown" }']
    assert all(language in script for language in selector)
