"""The vocabulary of production management: the roles of a project's members and what can be approved."""

PROJECT_ROLES = ("producer", "director", "writer", "editor", "viewer")
ITEM_KINDS = ("scene", "cut", "character")
