"""The run: where file bytes come from (sources), each file checked or taken from the cache,
the model built, the selected rules run, and their problems turned into findings."""
