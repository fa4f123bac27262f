"""Ketamine, Explained: the data package, its validation, charts and exports."""
