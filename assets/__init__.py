"""Film assets, one module per artifact; each body is thin and calls into `models/`."""
