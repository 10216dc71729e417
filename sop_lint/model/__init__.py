"""The repository model: processes, SOPs, the references between them, how fresh each SOP
is, and what a change did to them. Built from per-file summaries; it never reads files."""
