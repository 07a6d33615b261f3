"""The feedback report: a versioned JSON document and its renderings."""
