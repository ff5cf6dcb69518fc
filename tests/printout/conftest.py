"""Fixtures for printout tests: a fresh history store in the isolated data folder."""

from __future__ import annotations

from tests.history.conftest import store

__all__ = ["store"]
