"""Real-time factor of every voice engine, of each processed (DSP) voice family and of delivery,
on one fixed paragraph, plus Whisper tiny.en's word error rate for each English voice.

RTF = synthesis seconds / seconds of audio produced (below 1 is faster than real time). Each
voice is warmed up once (engine start-up and model load are not counted), then timed over
`--repeat` runs; the best run is reported, as timings on a shared machine only ever get worse.

Usage: .venv/bin/python bench/voice_bench.py [--repeat 3] [--all] [--no-wer]
"""

from __future__ import annotations

import argparse
import time
from statistics import mean

from models.asr.wer import word_error_rate
from models.asr.whisper import transcribe
from models.breakdown import Line
from models.voice.catalogue import CATALOGUE, get_voice, is_processed
from models.voice.delivery import delivery_for
from models.voice.speak import backend_versions, synthesize

PARAGRAPH = (
    "The lighthouse keeper climbed the narrow stairs as the storm rolled in from the sea. "
    "She checked the lamp, wiped the glass, and struck a match. Far out on the water, a small "
    "fishing boat turned towards the light, and the sailors began to sing."
)
# One plain voice per engine, and every processed family (an engine voice plus pitch/tempo/formants).
ENGINE_VOICES = ["piper-joe", "festival-slt", "flite-slt", "flite-kal", "espeak-en-f", "festival-hi-nsk"]
HINDI = "शाम को नदी के किनारे मंदिर की घंटियाँ बजती हैं, और लोग दीये जलाते हैं।"


def _timed(text: str, voice_id: str, repeat: int, delivery=None) -> tuple[float, float, object]:  # type: ignore[no-untyped-def]
    kwargs = {} if delivery is None else {"delivery": delivery}
    synthesize(text, voice_id, **kwargs)  # warm-up: engine start, model load
    best, take = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        take = synthesize(text, voice_id, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best, take.duration, take  # type: ignore[union-attr]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="time every catalogue voice, not one per family")
    parser.add_argument("--no-wer", action="store_true", help="skip the Whisper intelligibility column")
    args = parser.parse_args()
    print("engines:", ", ".join(f"{k} {v}" for k, v in sorted(backend_versions().items())))
    voices = [v.id for v in CATALOGUE] if args.all else ENGINE_VOICES + [v.id for v in CATALOGUE if is_processed(v)]
    print(f"{'voice':24} {'engine':10} {'kind':10} {'audio s':>8} {'synth s':>8} {'RTF':>7} {'WER':>6}")
    families: dict[str, list[float]] = {}
    for voice_id in voices:
        voice = get_voice(voice_id)
        text = HINDI if voice.language == "hi" else PARAGRAPH
        if voice.language == "es":
            text = "La guardiana del faro subió la escalera mientras la tormenta llegaba desde el mar."
        try:
            seconds, audio, take = _timed(text, voice_id, args.repeat)
        except Exception as error:  # a missing optional engine is reported, not fatal
            print(f"{voice_id:24} unavailable: {error}")
            continue
        kind = "dsp" if is_processed(voice) else "plain"
        families.setdefault(f"{voice.engine} {kind}", []).append(seconds / audio)
        wer = ""
        if voice.language == "en" and not args.no_wer:
            wer = f"{word_error_rate(text, transcribe(take.samples, take.sample_rate).text):.3f}"  # type: ignore[attr-defined]
        print(f"{voice_id:24} {voice.engine:10} {kind:10} {audio:8.2f} {seconds:8.3f} {seconds / audio:7.3f} {wer:>6}")
    print("\nmean RTF per engine and family:")
    for family, rtfs in sorted(families.items()):
        print(f"  {family:22} {mean(rtfs):.3f}")
    print("\ndelivery on piper-joe and flite-slt (RTF):")
    for cue, kind in [(None, "dialogue"), ("whispering", "dialogue"), ("shouting", "dialogue"), ("chanting", "chant")]:
        delivery = delivery_for(Line("A", PARAGRAPH, cue, kind=kind))  # type: ignore[arg-type]
        cells = []
        for voice_id in ("piper-joe", "flite-slt"):
            seconds, audio, _ = _timed(PARAGRAPH, voice_id, args.repeat, delivery)
            cells.append(f"{voice_id} {seconds / audio:.3f} ({audio:.1f} s audio)")
        print(f"  {str(cue or 'neutral'):11} " + "   ".join(cells))


if __name__ == "__main__":
    main()
