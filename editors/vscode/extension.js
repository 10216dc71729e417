// Starts `sop-lint lsp` for the YAML and Markdown files of the workspace. The server
// decides which of them are processes and SOPs (by each SOP root's configuration) and
// gives the others nothing, so the selector can be broad.
const { workspace, window } = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

async function activate(context) {
  const command = workspace.getConfiguration("sop-lint").get("path") || "sop-lint";
  client = new LanguageClient(
    "sop-lint",
    "sop-lint",
    { command, args: ["lsp"] },
    {
      documentSelector: [
        { scheme: "file", language: "yaml" },
        { scheme: "file", language: "markdown" },
      ],
    },
  );
  try {
    await client.start();
  } catch (error) {
    window.showErrorMessage(
      `sop-lint: could not start "${command} lsp" (${error.message}). Set "sop-lint.path" to the sop-lint program.`,
    );
  }
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
