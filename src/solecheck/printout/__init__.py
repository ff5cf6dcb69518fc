"""Printable documents for the person (the handout of a routine, the progress report for an appointment).

A frontend like the app and the line mode: it reads the core and never the other way round. fpdf2 is imported
only here, when a document is made, never on the app's start path.
"""
