"""PDF documents of the plan, drawn with reportlab: breakdown sheets (one page per scene, header
coloured as on a stripboard) and a call sheet per shooting day."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from models.plan.schedule import ShootingDay
from models.plan.sheets import CastMember, SceneSheet

# Stripboard colours: white INT day, yellow EXT day, blue INT night, green EXT night.
STRIP_COLOURS = {("INT", False): "#ffffff", ("EXT", False): "#fff3a0", ("INT", True): "#b9d3f0",
                 ("EXT", True): "#b8e0b0"}  # fmt: skip
NIGHT = {"night", "dusk"}
MAKEUP = timedelta(hours=1)  # cast are called an hour before they are needed on set


def strip_colour(sheet: SceneSheet) -> str:
    return STRIP_COLOURS[("EXT" if sheet.int_ext == "EXT" else "INT", sheet.time_of_day in NIGHT)]


def _styles():  # type: ignore[no-untyped-def]
    from reportlab.lib.styles import getSampleStyleSheet

    styles = getSampleStyleSheet()
    return styles["Title"], styles["Heading3"], styles["BodyText"]


def _boxes(rows: list[tuple[str, list[str]]], width: float):  # type: ignore[no-untyped-def]
    """Two-column grid of labelled boxes, as on a paper breakdown sheet."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    _, _, body = _styles()
    cells = [[Paragraph(f"<b>{label}</b><br/>" + ("<br/>".join(_esc(i) for i in items) or "—"), body)
              for label, items in rows[i:i + 2]] for i in range(0, len(rows), 2)]  # fmt: skip
    for row in cells:
        while len(row) < 2:
            row.append(Paragraph("", body))
    table = Table(cells, colWidths=[width / 2] * 2)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def breakdown_pdf(path: Path, title: str, sheets: list[SceneSheet]) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    doc = SimpleDocTemplate(str(path), pagesize=letter, title=f"{title}: breakdown sheets")
    heading, sub, body = _styles()
    story: list = []
    for sheet in sheets:
        header = Table([[f"Scene {sheet.number}", sheet.int_ext, sheet.time_of_day.upper(), f"{sheet.pages} pg"],
                        [Paragraph(_esc(sheet.heading), sub), "", "", ""]],
                       colWidths=[doc.width * 0.4, doc.width * 0.2, doc.width * 0.2, doc.width * 0.2])  # fmt: skip
        header.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(strip_colour(sheet))),
            ("SPAN", (0, 1), (-1, 1)), ("BOX", (0, 0), (-1, -1), 1, colors.black),
            ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ]))  # fmt: skip
        story += [Paragraph(_esc(f"{title}: breakdown sheet"), heading), header,
                  Paragraph(f"<b>Synopsis:</b> {_esc(sheet.synopsis)}", body)]  # fmt: skip
        cast = [f"{m.number}. {m.name}" for m in sheet.cast] + [f"{n} (V.O.)" for n in sheet.voice_only]
        story.append(_boxes([("Cast", cast), ("Extras", sheet.extras), ("Props", sheet.props),
                             ("Wardrobe", sheet.wardrobe), ("Set dressing", sheet.set_dressing),
                             ("Vehicles / animals", sheet.vehicles_animals),
                             ("Sound / special effects", sheet.sound_effects)], doc.width))  # fmt: skip
        story.append(PageBreak())
    doc.build(story[:-1])


def call_sheet_pdf(path: Path, title: str, day: ShootingDay, total_days: int, cast: list[CastMember]) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    doc = SimpleDocTemplate(str(path), pagesize=letter, title=f"{title}: call sheet day {day.number}")
    heading, sub, body = _styles()
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd"))])  # fmt: skip
    story: list = [
        Paragraph(_esc(f"{title}: call sheet"), heading),
        Paragraph(f"Day {day.number} of {total_days} · {day.day:%A %d %B %Y}", sub),
        Paragraph(f"<b>General crew call:</b> {day.call:%H:%M} · <b>Estimated wrap:</b> {day.wrap:%H:%M}", body),
        Spacer(1, 8),
    ]
    rows = [["Sc", "Set", "I/E", "D/N", "Pages", "Cast", "Synopsis"]]
    for strip in day.strips:
        s = strip.sheet
        rows.append([f"{s.number}{' (' + strip.part + ')' if strip.part else ''}", Paragraph(_esc(s.heading), body),
                     s.int_ext, s.time_of_day, s.pages, ", ".join(str(m.number) for m in s.cast),
                     Paragraph(_esc(s.synopsis), body)])  # fmt: skip
    widths = [0.07, 0.22, 0.08, 0.08, 0.08, 0.09, 0.38]
    scenes = Table(rows, colWidths=[doc.width * w for w in widths], repeatRows=1)
    scenes.setStyle(grid)
    called = [m for m in cast if m.number in day.cast_numbers]
    cast_rows = [["ID", "Character", "Call", "On set"]] + [
        [str(m.number), m.name, f"{day.call:%H:%M}", f"{day.call + MAKEUP:%H:%M}"] for m in called
    ]
    cast_table = Table(cast_rows, colWidths=[doc.width * w for w in (0.1, 0.5, 0.2, 0.2)], repeatRows=1)
    cast_table.setStyle(grid)
    notes = [f"Company moves: {day.moves}." if day.moves else "No company move."]
    effects = sorted({fx for st in day.strips for fx in st.sheet.sound_effects})
    if effects:
        notes.append("Sound / effects: " + ", ".join(effects) + ".")
    voices = sorted({v for st in day.strips for v in st.sheet.voice_only})
    if voices:
        notes.append("Recorded separately (V.O.): " + ", ".join(voices) + ".")
    story += [scenes, Spacer(1, 10), Paragraph("Cast", sub), cast_table, Spacer(1, 10),
              Paragraph("Locations", sub), Paragraph(_esc(", ".join(day.locations)), body),
              Paragraph("Notes", sub), *[Paragraph(_esc(n), body) for n in notes]]  # fmt: skip
    doc.build(story)
