"""Everything sop-lint asks of git: where the repository is, its history, the files of a
revision or of the index, and CODEOWNERS. `runner` is the only module that starts git."""
