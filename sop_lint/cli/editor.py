"""`lsp`: the language server editors start (see `sop_lint.lsp`)."""

from __future__ import annotations

import click

from sop_lint.cli.options import debug_option


@click.command()
@debug_option
def lsp() -> None:
    """Run the language server, for editors: it speaks the Language Server Protocol over
    standard input and output, and shows the findings of `check` in each process and SOP
    file as it is typed.

    Editors start it themselves; there is nothing to type here. Each file is checked in
    the SOP root `check` would find from its folder (several roots in one workspace work),
    with the open, unsaved documents laid over the files on disk.

    \b
    Examples:
      sop-lint lsp        # as an editor's language server command
    """
    from sop_lint.lsp.server import serve  # only the server pays for pygls

    serve()
