"""`python -m sop_lint` runs the command line."""

from sop_lint.cli import run

run()
