"""sop-lint: lint an operations repository of processes and SOPs."""

__version__ = "0.1.0"
# Where the project lives: its documentation, and the rules' pages that SARIF links to.
HOMEPAGE = "https://github.com/sop-lint/sop-lint"
