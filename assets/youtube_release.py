"""youtube_release: a finished film published to its owner's YouTube channel."""

from dataclasses import replace
from pathlib import Path

import dagster as dg

from assets.common import FILM_ASSET
from assets.manifests import YoutubeReleaseManifest
from dagster_project.resources import StudioResource


@dg.asset(**FILM_ASSET, deps=[dg.AssetKey("final_cut")], group_name="publishing", kinds={"youtube"})
def youtube_release(context: dg.AssetExecutionContext, studio: StudioResource) -> dg.Output[YoutubeReleaseManifest]:
    """The film uploaded to YouTube (resumable, resumed after failures) with a title, description,
    chapters and tags generated from the script and breakdown, the chosen thumbnail, its playlist and
    schedule. Materialised by `studio publish` or the Watch page, which record the request first."""
    from studio.domain.errors import UserError
    from studio.services import publishing
    from studio.settings import Settings

    settings = replace(Settings.from_env(), home=Path(studio.home), database_url=studio.store().url)
    store = studio.store()
    release_id = publishing.latest_release(store, context.partition_key)
    if release_id is None:
        raise dg.Failure("No publish request for this film: use `studio publish FILM_ID` or the Watch page.")
    last = [0]

    def progress(done: int, total: int) -> None:
        if done - last[0] >= total / 4 or done == total:  # a line per quarter, not per chunk
            context.log.info(f"uploaded {done / max(total, 1):.0%} ({done} of {total} bytes)")
            last[0] = done

    try:
        result = publishing.perform_release(store, settings, release_id, progress)
    except UserError as error:
        raise dg.Failure(str(error)) from error
    return dg.Output(YoutubeReleaseManifest.from_result(result), metadata={"url": dg.MetadataValue.url(result["url"]), "video_id": result["video_id"],
                                       "privacy": result["privacy"], "publish_at": result["publish_at"] or "",
                                       "playlist": result["playlist"] or "", "chapters": len(result["chapters"])})  # fmt: skip
