"""The configuration: `settings` (the frozen `Config` and its defaults, a leaf every layer may
use) and `loading` (finding, reading and validating a configuration file, which needs the
YAML reader and so sits above `reading`)."""
