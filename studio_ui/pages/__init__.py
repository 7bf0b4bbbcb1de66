"""One module per page of the studio."""
