"""Offline history: the SQLite store of screenings, sessions and steps. No UI.

``records`` (what is kept), ``store`` (``HistoryStore``: the one way in and out of the file, owner of
the connection, the migrations and the records), ``trends`` (sessions per week, pain, streak,
adherence), ``pages`` (the history list read a page at a time), ``maintenance`` (backups and
``history check``), ``filters`` (the SQL narrowing sessions that lists and trends share), ``schema``
(identity, version, migrations), ``rows`` (records to rows and back), ``private_files`` (owner-only
files), ``transfer`` (JSON/CSV export, JSON import), ``export_format`` (the export's pydantic models)
and ``json_stream`` (reading big exports a record at a time).
"""
