"""The Textual shell: the app, its screens, widgets and styles. Calls the core; never the reverse."""
