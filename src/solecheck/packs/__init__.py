"""Content packs: the format (models), loading with located diagnostics, and discovery."""
