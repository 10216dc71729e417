"""The rules, one per module; `registry` lists them by kind and by code.

The registry is a module of its own, not this package's `__init__`, so that a command
which runs no rule (`stale`, `rename`) can import what the rules share (`support`)
without importing every rule and compiling its expressions.
"""
