"""Credits: balance, tier, the ledger (every entry with reason, reference and balance after),
what each tier gives, and billing through Stripe: buy a credit package, upgrade to Pro, downgrade
or cancel at the period's end, the invoices, and a banner when fewer than 5 credits are left.
Without Stripe settings the billing part says it is not configured."""

from __future__ import annotations

from typing import Any

import gradio as gr

from studio.services.billing import LOW_BALANCE, PACKAGES, billing_of
from studio.services.studio_service import StudioService
from studio_ui.labels import credits_text, tier_table
from studio_ui.session import problem, token_of, warn

LEDGER_HEADERS = ["When", "Credits", "Reason", "Reference", "Balance after"]
INVOICE_HEADERS = ["Number", "Date", "Amount", "Status", "Description", "Link"]
LOT_HEADERS = ["Credits left", "Of", "Bought", "Expires", "Stripe object"]
ATTENTION_HEADERS = ["when", "event", "type", "outcome", "note"]
PLAN_CHOICES = [("Pro monthly — $29 a month", "month"), ("Pro yearly — $278 a year (20 % off)", "year")]
# After "Buy" or "Upgrade": the handler returns Stripe Checkout's URL and the browser goes there.
GO_TO_CHECKOUT_JS = "(url) => { if (url && url.startsWith('http')) { window.location.href = url; } return url; }"


def return_base(request: gr.Request | None) -> str:
    """The studio's address as the browser sees it, for Checkout's success and cancel URLs."""
    headers = getattr(request, "headers", None) or {}
    host = headers.get("x-forwarded-host") or headers.get("host") or ""
    scheme = headers.get("x-forwarded-proto") or "http"
    return f"{scheme}://{host}" if host else ""


def banner(balance: int | None, subscription: dict[str, Any] | None, configured: bool) -> str:
    lines = []
    if balance is not None and balance < LOW_BALANCE:
        lines.append(
            f"⚠ **Low balance: {credits_text(balance)} left.** "
            + ("Buy a package below to keep rendering." if configured else "Ask the studio's admin for credits.")
        )
    if subscription and subscription["status"] in ("past_due", "unpaid"):
        lines.append("⚠ **Your last Pro payment failed.** Stripe will retry it; no new credits until it is paid.")
    return "\n\n".join(lines)


def plan_text(overview: Any) -> str:
    if not overview.configured:
        return "Billing is **not configured** on this studio (no Stripe keys); credits come from the admin."
    sub = overview.subscription
    if overview.tier == "enterprise":
        return "You are on **Enterprise** (set by the studio; contact us to change it)."
    if sub is None:
        return "You are on **Free**. Pro: 30 credits a month, films up to 5 minutes, 1080p, no watermark."
    end = f"{sub['current_period_end']:%Y-%m-%d}" if sub["current_period_end"] else "the period's end"
    state = f"ends on {end}" if sub["cancel_at_period_end"] else f"renews on {end}"
    return f"**Pro** ({sub['interval']}ly, {sub['status']}): {state}."


def build(service: StudioService) -> gr.Blocks:
    headers, rows = tier_table(service.tiers())
    billing = billing_of(service)
    with gr.Blocks(title="Film Studio · Credits") as page:
        gr.Markdown("# Credits")
        low = gr.Markdown(elem_id="credits-low-balance")
        balance = gr.Markdown(elem_id="credits-balance")
        gr.Markdown(
            "A film costs ⌈minutes × 3⌉ credits, charged when its render starts; a render that "
            "fails for a system reason is refunded, a cancelled one is not. The plan's credits are "
            "used first and reset each period; bought credits last a year from purchase."
        )
        with gr.Row():
            with gr.Column():
                gr.Markdown("### Buy credits")
                package = gr.Radio(
                    [(p.label, p.key) for p in PACKAGES.values()],
                    value="p10",
                    label="Package",
                    elem_id="credits-package",
                )
                buy = gr.Button("Buy with Stripe", variant="primary", elem_id="credits-buy")
            with gr.Column():
                gr.Markdown("### Plan")
                plan = gr.Markdown(elem_id="credits-plan")
                interval = gr.Radio(PLAN_CHOICES, value="month", label="Pro billing", elem_id="credits-interval")
                with gr.Row():
                    upgrade = gr.Button("Upgrade to Pro", elem_id="credits-upgrade")
                    downgrade = gr.Button("Downgrade to Free at period end", elem_id="credits-downgrade")
                    resume = gr.Button("Keep Pro", elem_id="credits-resume")
                gr.Markdown("Enterprise (unlimited, 10-minute films, high priority): contact us.")
        status = gr.Markdown(elem_id="credits-status")
        checkout_url = gr.Textbox(visible=False)
        lots = gr.Dataframe(
            headers=LOT_HEADERS, interactive=False, label="Bought and granted credits", elem_id="credits-lots"
        )
        ledger = gr.Dataframe(headers=LEDGER_HEADERS, interactive=False, label="Ledger", elem_id="credits-ledger")
        invoices = gr.Dataframe(
            headers=INVOICE_HEADERS, interactive=False, label="Invoices", elem_id="credits-invoices"
        )
        gr.Markdown("### Tiers")
        gr.Dataframe(value=rows, headers=headers, interactive=False, elem_id="credits-tiers")
        attention = gr.Dataframe(
            headers=ATTENTION_HEADERS,
            interactive=False,
            visible=False,
            label="Billing events for admins (unknown users, refused events, refund shortfalls)",
            elem_id="credits-attention",
        )

        def load(request: gr.Request) -> tuple[str, Any]:
            token = token_of(request)
            try:
                user = service.user(token)
                entries = service.ledger(token)
            except Exception as error:
                return problem(error), []
            credits = "unlimited credits" if user.balance is None else f"**{credits_text(user.balance)}**"
            table = [
                [f"{e.created_at:%Y-%m-%d %H:%M}", e.amount, e.reason, e.reference or "", e.balance_after]
                for e in entries
            ]
            return f"{credits} · **{user.tier.title()}** plan", table

        def load_billing(request: gr.Request) -> tuple[Any, ...]:
            token = token_of(request)
            try:
                user = service.user(token)
                overview = billing.overview(token)
            except Exception as error:
                return problem(error), "", [], [], gr.update(visible=False)
            lot_rows = [
                [
                    lot.remaining,
                    lot.credits,
                    f"{lot.purchased_at:%Y-%m-%d}",
                    f"{lot.expires_at:%Y-%m-%d}" if lot.expires_at else "never",
                    lot.stripe_object or "grant",
                ]
                for lot in overview.lots
            ]
            invoice_rows: list[list[Any]] = []
            if overview.configured:
                try:
                    invoice_rows = [
                        [
                            i["number"],
                            f"{i['date']:%Y-%m-%d}" if i["date"] else "",
                            i["amount"],
                            i["status"],
                            i["description"],
                            i["url"],
                        ]
                        for i in billing.invoices(token)
                    ]
                except Exception as error:  # Stripe down: the rest of the page still works
                    invoice_rows = [["", "", "", problem(error), "", ""]]
            admin_rows: Any = gr.update(visible=False)
            if user.role == "admin":
                admin_rows = gr.update(
                    visible=True,
                    value=[
                        [f"{e['when']:%Y-%m-%d %H:%M}", e["event"], e["type"], e["outcome"], e["note"]]
                        for e in billing.attention(token)
                    ],
                )
            return (
                banner(user.balance, overview.subscription, overview.configured),
                plan_text(overview),
                lot_rows,
                invoice_rows,
                admin_rows,
            )

        billing_outputs = [low, plan, lots, invoices, attention]
        page.load(load, None, [balance, ledger], api_name="ledger")
        page.load(load_billing, None, billing_outputs, api_name="billing")

        def start_buy(key: str, request: gr.Request) -> tuple[str, str]:
            try:
                url = billing.buy(token_of(request), key, return_base(request))
            except Exception as error:
                return warn(error), ""
            return "Opening Stripe Checkout…", url

        def start_upgrade(every: str, request: gr.Request) -> tuple[str, str]:
            try:
                url = billing.subscribe(token_of(request), every, return_base(request))
            except Exception as error:
                return warn(error), ""
            return "Opening Stripe Checkout…", url

        def change(cancel: bool) -> Any:
            def handler(request: gr.Request) -> str:
                try:
                    return "✓ " + billing.set_cancel(token_of(request), cancel)
                except Exception as error:
                    return warn(error)

            return handler

        buy.click(start_buy, [package], [status, checkout_url], api_name="buy_credits").then(
            None, [checkout_url], [checkout_url], js=GO_TO_CHECKOUT_JS
        )
        upgrade.click(start_upgrade, [interval], [status, checkout_url], api_name="upgrade").then(
            None, [checkout_url], [checkout_url], js=GO_TO_CHECKOUT_JS
        )
        downgrade.click(change(True), None, [status], api_name="downgrade").then(load_billing, None, billing_outputs)
        resume.click(change(False), None, [status], api_name="resume_pro").then(load_billing, None, billing_outputs)
    return page
