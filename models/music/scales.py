"""Scales, modes, ragas and maqamat as semitone offsets from the tonic, plus General MIDI numbers.

Offsets may be fractional: x.5 is a quarter tone, played with a pitch bend (maqam Rast, Bayati, Saba).
"""

from __future__ import annotations

# The tables below are aligned by hand: one style or drum pattern per entry reads like a score.
# fmt: off
SCALES: dict[str, tuple[float, ...]] = {
    # Western modes and symmetric scales.
    "major": (0, 2, 4, 5, 7, 9, 11),
    "minor": (0, 2, 3, 5, 7, 8, 10),
    "dorian": (0, 2, 3, 5, 7, 9, 10),
    "octatonic": (0, 1, 3, 4, 6, 7, 9, 10),  # half-whole diminished: stacked thirds give dim chords
    "whole_tone": (0, 2, 4, 6, 8, 10),  # stacked thirds give augmented chords: no tonal pull
    "major_pentatonic": (0, 2, 4, 7, 9),
    "minor_pentatonic": (0, 3, 5, 7, 10),
    # Hindustani ragas (aroha of the thaat-derived scale; Sa = 0, Pa = 7).
    "yaman": (0, 2, 4, 6, 7, 9, 11),  # Kalyan thaat, tivra Ma: evening, serene
    "bhupali": (0, 2, 4, 7, 9),  # pentatonic, bright and devotional
    "bhairav": (0, 1, 4, 5, 7, 8, 11),  # komal Re and Dha: dawn, grave, mysterious
    "bhairavi": (0, 1, 3, 5, 7, 8, 10),  # all komal: pathos
    "todi": (0, 1, 3, 6, 7, 8, 11),  # komal Re/Ga/Dha with tivra Ma: restless
    # Arabic maqamat (lower tetrachord + upper, simplified to one octave).
    "rast": (0, 2, 3.5, 5, 7, 9, 10.5),
    "bayati": (0, 1.5, 3, 5, 7, 8, 10),
    "saba": (0, 1.5, 3, 4, 7, 8, 10),
    "hijaz": (0, 1, 4, 5, 7, 8, 10),
    "nahawand": (0, 2, 3, 5, 7, 8, 11),
    # Japanese and Chinese pentatonic scales.
    "gong": (0, 2, 4, 7, 9),  # Chinese gong mode (= major pentatonic)
    "yo": (0, 2, 5, 7, 9),
    "in": (0, 1, 5, 7, 8),  # miyako-bushi
    "hirajoshi": (0, 2, 3, 7, 8),
}


def scale_pitch(scale: tuple[float, ...], tonic: int, degree: int) -> float:
    """Pitch of scale `degree` (any integer, wrapping into octaves) above `tonic`."""
    octave, step = divmod(degree, len(scale))
    return tonic + 12 * octave + scale[step]


def nearest_degree(scale: tuple[float, ...], tonic: int, pitch: float) -> int:
    """The scale degree whose pitch is closest to `pitch` (ties go down)."""
    guess = round((pitch - tonic) / 12 * len(scale))
    candidates = range(guess - len(scale), guess + len(scale) + 1)
    return min(candidates, key=lambda d: (abs(scale_pitch(scale, tonic, d) - pitch), d))


class GM:
    """General MIDI program numbers (0-based) used by the styles."""

    PIANO = 0
    ELECTRIC_PIANO = 4
    CELESTA = 8
    GLOCKENSPIEL = 9
    VIBRAPHONE = 11
    MARIMBA = 12
    TUBULAR_BELLS = 14
    REED_ORGAN = 20  # harmonium
    NYLON_GUITAR = 24  # oud stand-in
    STEEL_GUITAR = 25
    FINGER_BASS = 33
    VIOLIN = 40
    CELLO = 42
    CONTRABASS = 43
    TREMOLO_STRINGS = 44
    PIZZICATO = 45
    HARP = 46
    TIMPANI = 47
    STRINGS = 48
    SLOW_STRINGS = 49
    SYNTH_STRINGS = 50
    CHOIR = 52
    FRENCH_HORN = 60
    BRASS = 61
    OBOE = 68
    CLARINET = 71
    FLUTE = 73  # bansuri / ney / dizi stand-in
    PAN_FLUTE = 75
    SHAKUHACHI = 77
    NEW_AGE_PAD = 88
    WARM_PAD = 89
    HALO_PAD = 94
    SITAR = 104
    KOTO = 107
    KALIMBA = 108
    SHEHNAI = 111
    TAIKO = 116


class Drum:
    """General MIDI percussion keys (channel 10) standing in for tabla, darbuka and friends."""

    BASS_DRUM = 35
    SIDE_STICK = 37
    SNARE = 38
    CLOSED_HIHAT = 42
    RIDE = 51
    TAMBOURINE = 54
    HI_BONGO = 60
    LOW_BONGO = 61
    MUTE_HI_CONGA = 62
    OPEN_HI_CONGA = 63
    LOW_CONGA = 64
    CABASA = 69
    MARACAS = 70
    CLAVES = 75
    HI_WOOD_BLOCK = 76
    LOW_WOOD_BLOCK = 77


# Percussion cycles: (length in beats, [(beat offset, key, velocity 0-1), ...]).
Pattern = tuple[float, tuple[tuple[float, int, float], ...]]

_DHA = ((Drum.OPEN_HI_CONGA, 0.8), (Drum.LOW_CONGA, 0.9))  # dayan ring + open bayan
_NA = ((Drum.OPEN_HI_CONGA, 0.7),)
_TI = ((Drum.HI_BONGO, 0.5),)
_KA = ((Drum.LOW_BONGO, 0.5),)  # closed bayan slap
_GE = ((Drum.LOW_CONGA, 0.7),)
_DHIN = ((Drum.MUTE_HI_CONGA, 0.7), (Drum.LOW_CONGA, 0.8))
_TIN = ((Drum.MUTE_HI_CONGA, 0.6),)


def _bols(bols: list[tuple], step: float) -> tuple[tuple[float, int, float], ...]:
    """Spell a tabla theka: one stroke group per `step` beats."""
    return tuple((i * step, key, vel) for i, strokes in enumerate(bols) for key, vel in strokes)


PATTERNS: dict[str, Pattern] = {
    # Keherwa: Dha Ge Na Ti | Na Ka Dhi Na, eight matras over one 4/4 bar.
    "keherwa": (4.0, _bols([_DHA, _GE, _NA, _TI, _NA, _KA, _DHIN, _NA], 0.5)),
    # Teentaal theka in eighths over two bars: Dha Dhin Dhin Dha x2 | Dha Tin Tin Ta | Ta Dhin Dhin Dha.
    # Dadra, six matras (Dha Dhi Na | Dha Tu Na), the lilt of bhajans, spread over three beats.
    "dadra": (3.0, _bols([_DHA, _DHIN, _NA, _DHA, _TIN, _NA], 0.5)),
    "teentaal": (8.0, _bols([_DHA, _DHIN, _DHIN, _DHA] * 2 + [_DHA, _TIN, _TIN, _NA, _NA, _DHIN, _DHIN, _DHA], 0.5)),
    # Darbuka maqsum: Dum Tek - Tek Dum - Tek -, with a riq shimmer.
    "maqsum": (4.0, ((0, Drum.LOW_CONGA, 0.9), (0.5, Drum.HI_BONGO, 0.6), (1.5, Drum.HI_BONGO, 0.6),
                     (2, Drum.LOW_CONGA, 0.85), (3, Drum.HI_BONGO, 0.6), (3.5, Drum.MUTE_HI_CONGA, 0.4),
                     (1, Drum.TAMBOURINE, 0.35), (3, Drum.TAMBOURINE, 0.35))),
    # Malfuf: Dum - - Tek - - Tek -, driving.
    "malfuf": (2.0, ((0, Drum.LOW_CONGA, 0.9), (0.75, Drum.HI_BONGO, 0.6), (1.5, Drum.HI_BONGO, 0.65))),
    "frame_drum": (8.0, ((0, Drum.LOW_CONGA, 0.6), (3, Drum.LOW_CONGA, 0.45), (6.5, Drum.MUTE_HI_CONGA, 0.3))),
    "wood_blocks": (4.0, ((0, Drum.LOW_WOOD_BLOCK, 0.6), (1, Drum.HI_WOOD_BLOCK, 0.45),
                          (2.5, Drum.HI_WOOD_BLOCK, 0.4), (3, Drum.LOW_WOOD_BLOCK, 0.5))),
    "heartbeat": (4.0, ((0, Drum.BASS_DRUM, 0.7), (0.5, Drum.BASS_DRUM, 0.5), (2, Drum.BASS_DRUM, 0.7),
                        (2.5, Drum.BASS_DRUM, 0.5))),
    # A soft pop backbeat: kick on 1 and 3, side-stick on 2 and 4, eighth-note hats.
    "backbeat": (4.0, ((0, Drum.BASS_DRUM, 0.7), (2, Drum.BASS_DRUM, 0.6), (2.5, Drum.BASS_DRUM, 0.4),
                       (1, Drum.SIDE_STICK, 0.55), (3, Drum.SIDE_STICK, 0.55),
                       *((i * 0.5, Drum.CLOSED_HIHAT, 0.3 + 0.1 * (i % 2 == 0)) for i in range(8)))),
    "congas": (4.0, ((0, Drum.LOW_CONGA, 0.8), (1, Drum.OPEN_HI_CONGA, 0.6), (1.5, Drum.MUTE_HI_CONGA, 0.5),
                     (2.5, Drum.LOW_CONGA, 0.7), (3, Drum.OPEN_HI_CONGA, 0.6), (0.5, Drum.CABASA, 0.3),
                     (2, Drum.CABASA, 0.3))),
    "shaker": (2.0, ((0, Drum.MARACAS, 0.45), (0.5, Drum.MARACAS, 0.3), (1, Drum.MARACAS, 0.45),
                     (1.5, Drum.MARACAS, 0.3), (1.5, Drum.CLAVES, 0.4))),
}
