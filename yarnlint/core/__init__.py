"""Facts every layer shares; this package imports nothing else of yarnlint."""
