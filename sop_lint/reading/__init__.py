"""Files to documents: which files to read, reading them within bounds, decoding, parsing
YAML (and Markdown front matter) with a position for every node, and suppression comments."""
