"""sop-lint: lint an operations repository of processes and SOPs."""

__version__ = "0.1.0"
