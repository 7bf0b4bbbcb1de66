"""Pure rules of the studio: film formats, script validation, user-facing errors and views. No I/O."""
