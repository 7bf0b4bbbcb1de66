"""Materialise the `youtube_release` asset of one film in this process, on the studio's Dagster
instance, so producers see every publication in the Dagster UI."""

from __future__ import annotations

from typing import Any

from studio.domain.errors import UserError
from studio.settings import Settings


def publish_through_dagster(settings: Settings, film_id: str, release_id: int) -> dict[str, Any]:
    """Run the asset for `film_id` (its latest requested release is `release_id`); its manifest back."""
    import dagster as dg

    from assets.manifests import YoutubeReleaseManifest
    from assets.youtube_release import youtube_release
    from dagster_project.resources import film_resources
    from studio.orchestration.execute import open_instance
    from studio.store import FilmStore
    from studio.store.media import asset_dir, read_manifest
    from studio.store.publishing import YouTubeReleaseRow

    instance = open_instance(settings)
    if not instance.has_dynamic_partition("films", film_id):
        instance.add_dynamic_partitions("films", [film_id])
    resources = film_resources(str(settings.home), settings.database_url)
    result = dg.materialize([youtube_release], partition_key=film_id, instance=instance, resources=resources,
                            raise_on_error=False, tags={"studio/release": str(release_id)})  # fmt: skip
    if not result.success:
        with FilmStore(settings.database_url).session() as session:
            row = session.get(YouTubeReleaseRow, release_id)
            reason = (row.error if row is not None else None) or "the youtube_release run failed; see the Dagster UI"
        raise UserError(reason)
    # Checked against the schema; the services take the release's JSON form.
    release = YoutubeReleaseManifest.from_dict(
        read_manifest(asset_dir(settings.media_root, film_id, "youtube_release"))
    )
    return release.stored()
