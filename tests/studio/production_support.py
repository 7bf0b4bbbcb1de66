"""Shared by the production tests: the script a film's team reads."""

from studio.services.studio_service import StudioService


def reads(service: StudioService, film_id: str) -> str:
    """The film's script as its team reads it: a scene edit waiting for its render (issue 12), else the script."""
    film = service.store.get_film(film_id)
    return film.draft_script or film.script
