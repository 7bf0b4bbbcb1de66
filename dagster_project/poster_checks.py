"""The posters' asset check: shape, title legibility and distinct styles, from the delivered files."""

from __future__ import annotations

import warnings

import dagster as dg

from assets.common import FILM_CHECK
from assets.manifests import PostersManifest
from assets.posters import posters
from models.film.poster_checks import check_posters

warnings.filterwarnings("ignore", category=dg.PreviewWarning)  # partitioned asset checks (see checks.py)


@dg.asset_check(asset=posters, **FILM_CHECK)
def posters_are_legible(posters: PostersManifest) -> dg.AssetCheckResult:
    """Every poster at 27x40 and the banner at 16:9; in each title block the type/ground contrast is
    at least 4.5:1 and the type at least 3% of the sheet's height; the three styles differ."""
    from dagster_project.checks import _result  # one rule: "not measured" is a WARN, never a pass

    return _result(check_posters(posters.to_dict()))


POSTER_CHECKS = [posters_are_legible]
