"""Person-name handling (pure functions: no database, files or clock)."""
