"""What a new creator and the studio's admin meet in a real browser (issue 14, "creator-grade"):

voices chosen by name per character with a spoken preview, the choice kept with the film; render
options offered within the tier; the cost shown and confirmed before any charge (cancel spends
nothing); a stale error cleared once the input is fixed; the script auto-saved into its version
history (the browser's clock is moved on, nothing sleeps); the Admin page and its navbar link only
for admins; grants of zero or less refused; a suspended creator told so; "1 credit", human tier names.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, expect

from models.voice.catalogue import CATALOGUE

PASSWORD = "a-creator-password"
SCRIPT = "Title: Tea\n\nASHA: The tea is ready.\nRAVI: Then let us drink it on the roof.\n"
RAW_ID = re.compile(r"^[a-z]+(-[a-z0-9]+)+$")  # how catalogue ids look: piper-joe-senior
WAIT = 60_000


def sign_up(browser: Browser, url: str, name: str) -> tuple[BrowserContext, Page, str]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url + "/account")
    page.get_by_role("tab", name="Sign up").click()
    email = f"{name.lower()}-{uuid.uuid4().hex[:6]}@example.com"
    page.locator("#signup-name").get_by_role("textbox").fill(name)
    page.locator("#signup-email").get_by_role("textbox").fill(email)
    page.locator("#signup-password input").fill(PASSWORD)
    page.locator("#signup-button").click()
    page.wait_for_url(url + "/", timeout=WAIT)
    expect(page.locator("#home-balance")).to_contain_text("Signed in as", timeout=WAIT)
    return context, page, email


def sign_in(browser: Browser, url: str, email: str, password: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url + "/account")
    page.locator("#signin-email").get_by_role("textbox").fill(email)
    page.locator("#signin-password input").fill(password)
    page.locator("#signin-button").click()
    page.wait_for_url(url + "/", timeout=WAIT)
    expect(page.locator("#home-balance")).to_contain_text("Signed in as", timeout=WAIT)
    return context, page


def shoot(page: Page, folder: Path, name: str) -> None:
    page.wait_for_timeout(500)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def credits_on_page(page: Page, url: str) -> str:
    page.goto(url + "/credits")
    balance = page.locator("#credits-balance")
    expect(balance).to_contain_text("plan", timeout=WAIT)
    return balance.inner_text()


def test_a_creator_casts_confirms_the_cost_and_the_script_is_auto_saved(
    browser: Browser, studio: Any, screenshots: Path, gradio_call: Any
) -> None:
    url = studio.url
    context, page, _ = sign_up(browser, url, "Caster")
    # The server's first parse loads the script models; on a busy machine that can pass the
    # estimate's 20 s limit, so warm it up over HTTP first (at most three tries).
    cookies = {c["name"]: c["value"] for c in context.cookies()}
    for _ in range(3):
        if not gradio_call(url, "estimate", [SCRIPT, "auto", "auto", 0], cookies)[0].startswith("⚠"):
            break
    page.clock.install()  # the auto-save timer runs on this clock: moved on below, never slept for
    page.goto(url + "/create")
    script = page.locator("#create-script textarea")
    script.fill(SCRIPT)
    expect(page.locator("#create-estimate")).to_contain_text("costs 1 credit", timeout=WAIT)
    assert "credit(s)" not in page.locator("#create-estimate").inner_text()

    # 1. One enabled voice dropdown per character, listing voices by name, not by id.
    dropdowns = page.locator(".create-voice")
    expect(dropdowns).to_have_count(2, timeout=WAIT)
    first = dropdowns.first.get_by_role("combobox")
    expect(first).to_be_enabled()
    current = first.input_value()
    assert current and not RAW_ID.match(current), f"the voice shows as a raw id: {current!r}"
    first.click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible(timeout=WAIT)
    labels = [text.strip() for text in options.all_inner_texts()]
    assert len(labels) > 3 and not [label for label in labels if RAW_ID.match(label)], labels
    wanted = next(label for label in labels if label != current and "Sally" in label)
    page.get_by_role("option", name=wanted, exact=True).click()
    expect(first).to_have_value(wanted)
    voice_id = next(v.id for v in CATALOGUE if wanted.startswith(v.name))
    # The preview speaks a short sample of the chosen voice into the row's player.
    page.locator(".create-listen").first.click()
    spoken_name = wanted.split(" (")[0]
    expect(page.locator("#create-status")).to_contain_text(f"Preview of {spoken_name}", timeout=120_000)
    player = page.locator(".create-voice-audio").first
    expect(player.get_by_role("link", name="Download")).to_have_attribute("href", re.compile(r"\.wav$"))
    expect(player.locator("time").first).to_have_text(re.compile(r"0:0[1-9]"))  # a sample of seconds
    shoot(page, screenshots, "20-create-voices")

    # 7. Render options within the Free tier: the watermark stays on, 1080p is not offered.
    expect(page.locator("#create-tier")).to_contain_text("Free", timeout=WAIT)
    watermark = page.locator("#create-watermark input")
    expect(watermark).to_be_checked()
    expect(watermark).to_be_disabled()
    expect(page.locator("#create-resolution").get_by_label("1080p")).to_have_count(0)
    page.locator("#create-burn input").check()
    page.locator("#create-caption-position").get_by_label("Top").check()
    page.locator("#create-loudness").get_by_label(re.compile("Broadcast")).check()

    # 5. A stale error goes once the input is fixed.
    page.locator("#create-duration input").fill("3")
    page.locator("#create-duration input").blur()
    page.locator("#create-render").click()
    expect(page.locator("#create-status")).to_contain_text("⚠", timeout=WAIT)
    expect(page.locator("#create-confirm-yes")).to_be_hidden()
    page.locator("#create-duration input").fill("0")
    page.locator("#create-duration input").blur()
    expect(page.locator("#create-status")).not_to_contain_text("⚠", timeout=WAIT)

    # 6. The cost is shown and must be confirmed; cancelling spends nothing.
    page.locator("#create-render").click()
    confirm = page.locator("#create-confirm-yes")  # the confirm panel's button
    expect(confirm).to_be_visible(timeout=WAIT)
    expect(page.locator("#create-confirm-text")).to_contain_text("costs 1 credit", timeout=WAIT)
    expect(page.locator("#create-confirm-text")).to_contain_text("You have 3")
    shoot(page, screenshots, "21-create-confirm")
    page.locator("#create-confirm-no").click()
    expect(page.locator("#create-status")).to_contain_text("no credits were spent", timeout=WAIT)
    expect(confirm).to_be_hidden()
    expect(page).to_have_url(url + "/create")

    # 8. Auto-save: after 30 s the script is saved into a draft film's history; an edit is the next version.
    # (The clock also runs on by itself, so a save may already have happened while the test worked.)
    page.clock.fast_forward("00:31")
    note = page.locator("#create-autosave")
    expect(note).to_contain_text("Auto-saved", timeout=WAIT)
    saved = int(re.search(r"version (\d+)", note.inner_text()).group(1))
    script.fill(SCRIPT + "ASHA: Bring the cups.\n")
    expect(page.locator("#create-estimate")).to_contain_text("15 words", timeout=WAIT)
    page.clock.fast_forward("00:31")
    expect(note).to_contain_text(f"version {saved + 1}", timeout=WAIT)
    shoot(page, screenshots, "22-create-autosaved")
    # The note links to the script's history, where the auto-saved versions can be compared.
    history = page.context.new_page()
    history.goto(url + note.get_by_role("link", name="version history").get_attribute("href"))
    expect(history.locator("#production-versions")).to_contain_text("auto-saved", timeout=WAIT)
    history.locator("#production-old input").fill(str(saved))
    history.locator("#production-new input").fill(str(saved + 1))
    history.locator("#production-show-diff").click()
    expect(history.locator("#production-diff")).to_contain_text("Bring the cups.", timeout=WAIT)
    history.close()

    # Confirming spends the credit once and renders the same draft, with the chosen voice.
    page.locator("#create-render").click()
    expect(confirm).to_be_visible(timeout=WAIT)
    page.locator("#create-confirm-yes").click()
    page.wait_for_url(re.compile(r".*/render\?film=[0-9a-f]+"), timeout=120_000)
    film_id = page.url.split("film=")[1]
    page.goto(f"{url}/storyboard?film={film_id}")
    # The Storyboard's cast names the chosen voice as people read it (its name without the engine).
    chosen = next(v.name for v in CATALOGUE if v.id == voice_id)
    first_row = page.locator("#storyboard-characters").get_by_role("row").nth(1)
    expect(first_row).to_contain_text(re.sub(r"\s*\([^)]*\)\s*$", "", chosen), timeout=WAIT)
    # 9. "1 credit" on the Credits page, the tier table in words people use.
    assert "2 credits" in credits_on_page(page, url)
    tiers = page.locator("#credits-tiers")
    expect(tiers).to_contain_text("Monthly credits", timeout=WAIT)
    expect(tiers).to_contain_text("Unlimited")
    expect(tiers).not_to_contain_text("monthly_credits")
    shoot(page, screenshots, "23-credits-tiers")
    context.close()


def test_admin_only_for_admins_grants_above_zero_and_suspension_is_said(
    browser: Browser, studio: Any, screenshots: Path
) -> None:
    url = studio.url
    creator, page, email = sign_up(browser, url, "Member")
    # 2. A creator's navbar has no Admin link, and the Admin page shows none of its controls.
    expect(page.get_by_role("link", name="Create", exact=True)).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("link", name="Admin", exact=True)).to_have_count(0)
    page.goto(url + "/admin")
    expect(page.locator("#admin-status")).to_contain_text("⚠", timeout=WAIT)
    for control in ("#admin-users", "#admin-grant", "#admin-suspend", "#admin-amount"):
        expect(page.locator(control)).to_be_hidden()
    expect(page.get_by_role("link", name="Admin", exact=True)).to_have_count(0)  # not even on its own page
    shoot(page, screenshots, "24-admin-refused")

    admin, admin_page = sign_in(browser, url, studio.admin_email, studio.admin_password)
    expect(admin_page.get_by_role("link", name="Admin", exact=True)).to_be_visible(timeout=WAIT)
    admin_page.get_by_role("link", name="Admin", exact=True).click()
    expect(admin_page.locator("#admin-users")).to_contain_text(email, timeout=WAIT)
    admin_page.locator("#admin-user").get_by_role("combobox").fill(email)
    admin_page.get_by_role("option", name=re.compile(re.escape(email))).click()

    # 4. Zero or negative grants are refused in words; the creator's balance does not move.
    for amount in ("0", "-2"):
        admin_page.locator("#admin-amount input").fill(amount)
        admin_page.locator("#admin-grant").click()
        expect(admin_page.locator("#admin-status")).to_contain_text(f"above zero, not {amount}", timeout=WAIT)
        expect(admin_page.locator("#admin-status")).not_to_contain_text("Granted")
    assert "3 credits" in credits_on_page(page, url)
    admin_page.locator("#admin-amount input").fill("1")
    admin_page.locator("#admin-grant").click()
    expect(admin_page.locator("#admin-status")).to_contain_text("Granted 1 credit;", timeout=WAIT)
    assert "4 credits" in credits_on_page(page, url)

    # 3. Suspended: the creator's open session says so, with no "sign in again" link.
    admin_page.locator("#admin-suspend").click()
    expect(admin_page.locator("#admin-status")).to_contain_text("User suspended", timeout=WAIT)
    page.goto(url + "/account")
    status = page.locator("#account-status")
    expect(status).to_contain_text("suspended", timeout=WAIT)
    expect(status).not_to_contain_text("expired")
    expect(status.get_by_role("link", name="Sign in")).to_have_count(0)
    shoot(page, screenshots, "25-account-suspended")
    admin_page.locator("#admin-reinstate").click()
    expect(admin_page.locator("#admin-status")).to_contain_text("User reinstated", timeout=WAIT)
    page.goto(url + "/account")  # reinstating ends the old sessions: sign in again
    expect(page.locator("#account-status")).to_contain_text("sign in", timeout=WAIT)
    for context in (creator, admin):
        context.close()
