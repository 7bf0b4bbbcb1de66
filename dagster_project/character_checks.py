"""Asset check: each character looks the same in every scene, and different characters look different."""

from __future__ import annotations

import warnings

import dagster as dg

from assets.common import FILM_CHECK
from assets.images import scene_images
from assets.manifests import SceneImagesManifest
from models.film.picture import scene_art
from models.image.consistency import MIN_SELF, consistency

warnings.filterwarnings("ignore", category=dg.PreviewWarning)  # partitioned checks, as in checks.py


@dg.asset_check(asset=scene_images, **FILM_CHECK)
def characters_are_consistent(scene_images: SceneImagesManifest) -> dg.AssetCheckResult:
    """Face-and-hair and torso colour histograms of every staged character, compared across scenes
    (histogram intersection): each character's lowest self-similarity must be at least 0.6 and
    above its highest similarity to any other character (identification accuracy 1.0)."""
    images = scene_images.to_dict()
    arts = [scene_art(images, scene_id) for scene_id in scene_images.scenes]
    report = consistency(arts)
    worst = min(report.margin.items(), key=lambda item: item[1], default=None)
    if report.passed:
        detail = f"worst margin {worst[1]:.2f} ({worst[0]})" if worst else "no character appears in two scenes"
        description = f"Every character is the same across scenes and distinct from the others; {detail}."
    else:
        low = {n: v for n, v in report.self_similarity.items() if v < MIN_SELF}
        description = (
            f"Characters drift or look alike: self-similarity below {MIN_SELF} for {low or 'none'}, "
            f"margins {report.margin}."
        )
    return dg.AssetCheckResult(
        passed=report.passed,
        description=description,
        metadata={"consistency": dg.MetadataValue.json(report.to_dict()), "identification_accuracy": report.accuracy},
    )


CHARACTER_CHECKS = [characters_are_consistent]
