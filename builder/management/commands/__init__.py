"""Management commands of the builder app."""
