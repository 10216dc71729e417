"""`sop-lint lsp`: the findings of `check`, in the editor, while typing.

The only code that imports pygls and lsprotocol; the CLI imports it inside the `lsp`
command, so that no other command pays for it at start-up.
"""
