"""Film Studio's domain core: settings, the film store, input validation, rendering and the CLI."""
