"""Offline history: the SQLite store of screenings, sessions and steps. No UI."""
