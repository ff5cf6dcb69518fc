"""Screening: which safety questions are asked and what the answers decide. No UI."""
