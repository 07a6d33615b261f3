"""Answer analysis: one pure module per dimension, from a transcript to metrics. No I/O."""
