"""social_cutdowns and press_kit: marketing material cut from the finished film."""

import dagster as dg

from assets.common import FILM_ASSET
from assets.manifests import (
    FinalCutManifest,
    PostersManifest,
    PressKitManifest,
    SocialCutdownsManifest,
    TrailerManifest,
)
from dagster_project.resources import StudioResource
from models.film.cutdowns import cut_downs
from models.film.press_kit import press_kit as build_press_kit


@dg.asset(**FILM_ASSET, group_name="marketing", kinds={"python", "ffmpeg"})
def social_cutdowns(
    context: dg.AssetExecutionContext, studio: StudioResource, final_cut: FinalCutManifest
) -> dg.Output[SocialCutdownsManifest]:
    """15, 30 and 60 s cut-downs around the film's strongest lines for vertical (9:16 Shorts, Reels,
    TikTok), square (1:1 feed) and landscape (16:9) platforms, with burned-in captions inside each
    platform's safe area, the title over the opening and loudness at -14 LUFS; plus a teaser of at
    most 15 s. Lengths longer than the film are skipped and listed with the reason."""
    title = studio.store().get_film(context.partition_key).title
    manifest = SocialCutdownsManifest.from_result(cut_downs(final_cut.to_dict(), title, studio.work_dir(context)))
    return dg.Output(manifest, metadata={
        "cutdowns": ", ".join(c["file"] for c in manifest.cutdowns) or "none",
        "skipped": "; ".join(s["reason"] for s in manifest.skipped) or "none",
        "teaser_s": manifest.teaser["length"],
    })  # fmt: skip


@dg.asset(**FILM_ASSET, group_name="marketing", kinds={"python"})
def press_kit(
    context: dg.AssetExecutionContext,
    studio: StudioResource,
    final_cut: FinalCutManifest,
    trailer: TrailerManifest,
    social_cutdowns: SocialCutdownsManifest,
    posters: PostersManifest,
) -> dg.Output[PressKitManifest]:
    """One zip per film: poster, the three poster styles and banner, thumbnails, trailer, teaser,
    social cut-downs, subtitles and a fact sheet (runtime, settings, cast, opening line)."""
    out = studio.work_dir(context) / "press_kit.zip"
    manifest = PressKitManifest.from_result(
        build_press_kit(final_cut.to_dict(), trailer.to_dict(), social_cutdowns.to_dict(), out, posters.to_dict())
    )
    return dg.Output(manifest, metadata={"files": len(manifest.members), "bytes": out.stat().st_size})
