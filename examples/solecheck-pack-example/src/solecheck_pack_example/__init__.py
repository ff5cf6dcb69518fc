"""Example Clinic's solecheck content pack: this package's folder holds the pack files."""
