"""Asset checks on the staged plates: the scene's named objects are on screen, the framing is clean."""

from __future__ import annotations

import warnings

import dagster as dg

from assets.common import FILM_CHECK
from assets.images import scene_images
from assets.manifests import SceneBreakdownManifest, SceneImagesManifest
from models.film.checks import CheckOutcome
from models.film.picture import scene_art
from models.image.staging_checks import framing_is_clean as measure_framing
from models.image.staging_checks import objects_on_screen as measure_objects

warnings.filterwarnings("ignore", category=dg.PreviewWarning)  # partitioned checks, as in checks.py


def _result(outcome: CheckOutcome) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        passed=outcome.passed,
        description=outcome.description,
        metadata={
            k: dg.MetadataValue.json(v) if isinstance(v, (dict, list)) else v for k, v in outcome.metadata.items()
        },
    )


def _arts(scene_images: SceneImagesManifest) -> dict:
    images = scene_images.to_dict()
    return {scene_id: scene_art(images, scene_id) for scene_id in scene_images.scenes}


@dg.asset_check(asset=scene_images, **FILM_CHECK, additional_ins={"scene_breakdown": dg.AssetIn()})
def objects_on_screen(
    scene_images: SceneImagesManifest, scene_breakdown: SceneBreakdownManifest
) -> dg.AssetCheckResult:
    """Share of each scene's named objects staged on its plate (>= 0.8), misses and substitutes listed."""
    return _result(measure_objects(scene_breakdown.breakdown, _arts(scene_images)))


@dg.asset_check(asset=scene_images, **FILM_CHECK)
def framing_is_clean(scene_images: SceneImagesManifest) -> dg.AssetCheckResult:
    """No character cut by the frame edge by accident; close-ups with eyes on the upper third;
    two-shots keep every face; measured on the plates' staging data over the planner's shots."""
    return _result(measure_framing(_arts(scene_images)))


FRAMING_CHECKS = [objects_on_screen, framing_is_clean]
