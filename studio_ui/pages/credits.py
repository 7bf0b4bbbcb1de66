"""Credits: balance, tier, the ledger (every entry with reason, reference and balance after),
and what each tier gives."""

from __future__ import annotations

from typing import Any

import gradio as gr

from studio.service import StudioService
from studio_ui.session import problem, token_of

LEDGER_HEADERS = ["when", "amount", "reason", "reference", "balance after"]


def tier_rows(tiers: dict[str, dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    keys: list[str] = []
    for details in tiers.values():
        keys += [k for k in details if k not in keys and k != "name"]
    return ["tier", *keys], [[name, *(details.get(k, "") for k in keys)] for name, details in tiers.items()]


def build(service: StudioService) -> gr.Blocks:
    headers, rows = tier_rows(service.tiers())
    with gr.Blocks(title="Film Studio · Credits") as page:
        gr.Markdown("# Credits")
        balance = gr.Markdown(elem_id="credits-balance")
        gr.Markdown("A film costs ⌈minutes × 3⌉ credits, charged when its render starts; a render that "
                    "fails for a system reason is refunded, a cancelled one is not.")
        ledger = gr.Dataframe(headers=LEDGER_HEADERS, interactive=False, label="Ledger", elem_id="credits-ledger")
        gr.Markdown("### Tiers")
        gr.Dataframe(value=rows, headers=headers, interactive=False, elem_id="credits-tiers")

        def load(request: gr.Request) -> tuple[str, Any]:
            token = token_of(request)
            try:
                user = service.user(token)
                entries = service.ledger(token)
            except Exception as error:
                return problem(error), []
            credits = "unlimited credits" if user.balance is None else f"**{user.balance} credits**"
            table = [[f"{e.created_at:%Y-%m-%d %H:%M}", e.amount, e.reason, e.reference or "", e.balance_after]
                     for e in entries]
            return f"{credits} · **{user.tier}** tier", table

        page.load(load, None, [balance, ledger], api_name="ledger")
    return page
