"""Guided sessions: the step-by-step state machine over a routine, with an injected clock. No UI."""
