"""Background work: answers are analysed by a queue consumer, never inside a request."""
