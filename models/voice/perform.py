"""Perform a line: a catalogue voice plus a delivery become engine settings and one DSP pass.

Where an engine has a control for it, the engine does the work (Piper's length_scale, eSpeak's
speed, pitch and whisper variant): its own timings then stay exact. What is left (pitch for
Piper, Flite and Festival, tempo for Flite and Festival, the voice's age processing, level and
the chant melody) is one pedalboard pass that moves the timings with the audio.
"""

from __future__ import annotations

from dataclasses import replace

from models.voice import dsp
from models.voice.base import Take, Voice, VoiceBackend
from models.voice.catalogue import voice_shape
from models.voice.delivery import NEUTRAL, Delivery

# eSpeak's pitch parameter (0-99, 50 = the voice's base) moves about a third of a semitone per step.
_ESPEAK_STEPS_PER_SEMITONE = 3.0


def _with(original: Voice, changes: dict[str, str]) -> Voice:
    params = dict(original.params)
    params.update(changes)
    return replace(original, params=tuple(params.items()))


def _whisper_variant(name: str, gender: str) -> str:
    """`en-us+f3` -> `en-us+whisperf`: eSpeak's own unvoiced variants."""
    language = name.split("+", 1)[0]
    return f"{language}+{'whisperf' if gender == 'female' else 'whisper'}"


def engine_voice(voice: Voice, delivery: Delivery) -> tuple[Voice, dsp.Shape]:
    """The voice with the delivery's engine settings applied, and the processing still to do."""
    base = voice_shape(voice)
    rate, semitones = delivery.rate, delivery.semitones
    whisper_filter = delivery.whisper
    if voice.engine == "espeak-ng":
        params = dict(voice.params)
        speed = int(round(int(params.get("speed", "165")) * rate))
        pitch = int(round(int(params.get("pitch", "50")) + semitones * _ESPEAK_STEPS_PER_SEMITONE))
        changes = {"speed": str(max(80, min(speed, 450))), "pitch": str(max(0, min(pitch, 99)))}
        if delivery.whisper:
            changes["voice"] = _whisper_variant(params.get("voice", "en-us"), voice.gender)
            whisper_filter = False  # the engine whispers for real
        if delivery.melody:
            changes["range"] = "20"  # an even, sung line: the melody comes from the contour
        voice, rate, semitones = _with(voice, changes), 1.0, 0.0
    elif voice.engine == "kokoro" and rate != 1.0:
        # Kokoro paces the line itself: a natural speed-up or slow-down, not a time stretch.
        kokoro_speed = float(dict(voice.params).get("speed", "1.0")) * rate
        voice, rate = _with(voice, {"speed": f"{kokoro_speed:.4f}"}), 1.0
    elif voice.engine == "piper" and rate != 1.0:
        scale = float(dict(voice.params).get("length_scale", "1.0")) / rate
        voice, rate = _with(voice, {"length_scale": f"{scale:.4f}"}), 1.0
    shape = dsp.Shape(
        semitones=base.semitones + semitones,
        tempo=base.tempo * rate,
        keep_formants=base.keep_formants,
        # A whisper from a voiced engine: the breathy top of the voice, quietly (no low end).
        highpass_hz=max(base.highpass_hz, 400.0 if whisper_filter else 0.0),
        lowpass_hz=base.lowpass_hz,
        gain_db=delivery.gain_db,
    )
    return voice, shape


def perform(backend: VoiceBackend, text: str, voice: Voice, delivery: Delivery = NEUTRAL) -> Take:
    """Speak `text` with `voice` and `delivery` on `backend`; timings follow every change."""
    spoken_voice, shape = engine_voice(voice, delivery)
    take = backend.synthesize(text, spoken_voice)
    contour = dsp.word_contour(take, delivery.melody) if delivery.melody else None
    return dsp.trim(dsp.apply(take, shape, contour))
