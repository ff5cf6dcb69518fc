"""The pack format's version: the one fact about the format needed before the models are loaded."""

from __future__ import annotations

FORMAT_VERSION = 1
"""The newest pack format this version of solecheck reads."""
