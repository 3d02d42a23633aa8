"""Use cases of the core. Each takes a Session (or settings); the caller commits."""
