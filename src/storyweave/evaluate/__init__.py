"""Evaluation: dataset readers and peers, shared by `benchmarks/` and (later) `storyweave eval`."""
