"""Pre-production: breakdown sheets, a stripboard schedule, a budget from a rate card, call sheets
and a production calendar, all derived from a film's scene breakdown (no Dagster, no store)."""

from models.plan.export import Plan, make_plan, write_plan
from models.plan.ratecard import RateCard
from models.plan.sheets import PlanError

__all__ = ["Plan", "PlanError", "RateCard", "make_plan", "write_plan"]
