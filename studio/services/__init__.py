"""Application services: accounts, films, renders, media, billing, publishing, organisations, production.

The only door the UI, the CLI and the API use; every permission check lives here."""
