"""production_plan: breakdown sheets, stripboard schedule, budget, call sheets and calendar."""

from datetime import date, timedelta

import dagster as dg

from assets.common import FILM_ASSET
from assets.manifests import ProductionPlanManifest, SceneBreakdownManifest
from dagster_project.resources import StudioResource
from models.plan import RateCard, make_plan, write_plan


@dg.asset(**FILM_ASSET, group_name="preproduction", kinds={"python", "pdf"})
def production_plan(
    context: dg.AssetExecutionContext, studio: StudioResource, scene_breakdown: SceneBreakdownManifest
) -> dg.Output[ProductionPlanManifest]:
    """Pre-production documents from the scene breakdown: breakdown sheets (PDF, CSV), a stripboard
    schedule grouped by set, light and cast (CSV, ICS calendar), a budget priced from the film's rate
    card (CSV with totals) and a call sheet PDF per shooting day. Shooting starts on the film's
    `shoot_start` setting or the next weekday. Not part of a render: materialise it when planning."""
    settings = studio.store().get_film(context.partition_key).settings or {}
    card = RateCard.from_dict(settings.get("rate_card") or {})
    start = (
        date.fromisoformat(settings["shoot_start"]) if settings.get("shoot_start") else date.today() + timedelta(days=1)
    )
    breakdown = scene_breakdown.breakdown
    plan = make_plan(breakdown, card, start)
    files = write_plan(plan, studio.work_dir(context), context.partition_key, breakdown.title)
    totals = plan.totals
    return dg.Output(
        ProductionPlanManifest(files=files, days=len(plan.days), totals=totals, currency=card.currency),
        metadata={"shooting_days": len(plan.days), "scenes": len(plan.sheets),
                  "budget_total": dg.MetadataValue.float(totals["Total"]), "currency": card.currency,
                  "call_sheets": len(files["call_sheets"])},
    )  # fmt: skip
