"""The line mode: solecheck as plain numbered lines, for screen readers and scripts. A frontend beside
``solecheck.tui``: it asks and shows, and the core (``solecheck.session.start``) decides."""
