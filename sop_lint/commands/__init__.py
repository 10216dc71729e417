"""One module per command. Each takes plain values (the CLI has parsed the options) and
returns what to print and the exit code; none imports click."""
