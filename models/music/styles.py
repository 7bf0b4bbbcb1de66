"""The musical style of a cue: instruments, scale, tempo and texture chosen from mood and culture."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from models.music.scales import GM, SCALES

# The tables below are aligned by hand: one style or drum pattern per entry reads like a score.
# fmt: off
Shape = Literal["up", "updown", "broken", "koto", "oud", "gliss"]
BassMode = Literal["held", "pulse", "quarters", "taiko"]


@dataclass(frozen=True)
class Style:
    name: str
    scale: str  # key of SCALES
    tempo: float  # beats per minute before fitting the cue to whole beats
    harmony: Literal["chords", "drone"] = "chords"  # drone: the pad holds Sa-Pa, no chord changes
    progressions: tuple[tuple[int, ...], ...] = ((0,),)  # chord roots as scale degrees
    beats_per_chord: float = 4.0
    approach: int | None = 4  # degree of the chord before the final tonic (4 = dominant)
    leading_tone: bool = False  # raise the dominant's third (minor keys cadence on a major V)
    pad: int | None = None
    pad_octave: int = 0  # octaves from the tonic octave (the tonic sits around C3-G3)
    arp: int | None = None
    arp_shape: Shape = "up"
    arp_step: float = 0.5  # beats per arpeggio note
    arp_rest: float = 0.1  # chance to skip a note, so patterns breathe
    arp_sustain: bool = False  # ring until the chord changes, like a held piano pedal
    lead: int | None = None
    lead_octave: int = 1
    lead_step: float = 1.0
    lead_density: float = 0.75  # 0..1: sparser melodies breathe longer between phrases
    ornament: float = 0.0  # chance of a grace note from above (kan swar, oud turns)
    motif: tuple[int, ...] | None = None  # scale degrees of a signature phrase (a raga's pakad)
    bass: int | None = None
    bass_mode: BassMode = "held"
    tanpura: int | None = None  # Pa-Sa'-Sa'-Sa plucks, the tanpura cycle
    percussion: str | None = None  # key of PATTERNS
    dynamics: float = 0.7  # overall velocity scale

    @property
    def steps(self) -> tuple[float, ...]:
        return SCALES[self.scale]


_W = Style(name="western", scale="major", tempo=80, pad=GM.STRINGS, arp_sustain=True)
_WESTERN = {
    "joyful": replace(_W, scale="major", tempo=104, progressions=((0, 3, 4, 0), (0, 5, 3, 4), (0, 3, 5, 4)),
                      arp=GM.PIANO, arp_shape="updown", lead=GM.FLUTE, lead_step=0.5, lead_density=0.8,
                      bass=GM.PIZZICATO, bass_mode="quarters", dynamics=0.85),
    "calm": replace(_W, scale="major", tempo=72, progressions=((0, 3, 0, 4), (0, 5, 3, 4), (0, 3, 5, 3)),
                    pad=GM.SLOW_STRINGS, arp=GM.HARP, arp_shape="up", bass=GM.CONTRABASS, dynamics=0.6),
    "sad": replace(_W, scale="minor", tempo=63, leading_tone=True,
                   progressions=((0, 5, 3, 4), (0, 3, 5, 4), (0, 6, 5, 4)), arp=GM.PIANO, arp_shape="broken",
                   lead=GM.CELLO, lead_octave=0, lead_density=0.7, bass=GM.CONTRABASS, dynamics=0.6),
    # Stacked thirds of the octatonic scale are diminished triads; degrees 0/1 slide by a semitone.
    "tense": replace(_W, scale="octatonic", tempo=112, progressions=((0, 1, 0, 2), (0, 2, 1, 0)), approach=1,
                     pad=GM.TREMOLO_STRINGS, pad_octave=-1, arp_sustain=False, bass=GM.CONTRABASS,
                     bass_mode="pulse", percussion="heartbeat", dynamics=0.8),
    # Whole-tone stacks are augmented triads: floating, unresolved.
    "mysterious": replace(_W, scale="whole_tone", tempo=60, progressions=((0, 1, 0, 5), (0, 5, 1, 0)), approach=1,
                          pad=GM.WARM_PAD, arp=GM.CELESTA, arp_shape="up", arp_step=1.0, arp_rest=0.35,
                          bass=GM.CONTRABASS, dynamics=0.55),
}

_I = Style(name="indian", scale="yaman", tempo=70, harmony="drone", approach=None, pad=GM.REED_ORGAN,
           tanpura=GM.SITAR, lead_octave=1, ornament=0.3)
# Motifs are pakads: Bhupali G R S D, S R G P G; Yaman N R G, R G M P; Bhairav S G M d P, G M r S.
_INDIAN = {
    "joyful": replace(_I, scale="bhupali", tempo=100, motif=(2, 1, 0, -1, 0, 1, 2, 3, 2), lead=GM.SITAR,
                      lead_step=0.5, lead_density=0.85, percussion="keherwa", dynamics=0.8),
    "calm": replace(_I, scale="yaman", tempo=70, motif=(-1, 1, 2, 1, 2, 3, 4), pad=GM.STRINGS, lead=GM.FLUTE,
                    lead_density=0.7, percussion="keherwa", dynamics=0.6),
    "sad": replace(_I, scale="bhairavi", tempo=60, motif=(0, 1, 2, 3, 2, 1, 0), pad=GM.STRINGS, lead=GM.FLUTE,
                   lead_octave=0, lead_density=0.65, dynamics=0.55),
    "tense": replace(_I, scale="todi", tempo=120, motif=(1, 2, 1, 0, 3, 5, 6, 7), lead=GM.SITAR, lead_step=0.5,
                     lead_density=0.9, percussion="teentaal", dynamics=0.85),
    # The swarmandal (harp glissando) opens each phrase of a dawn raga.
    "mysterious": replace(_I, scale="bhairav", tempo=60, motif=(0, 2, 3, 5, 4, 2, 3, 1, 0), pad=GM.STRINGS,
                          lead=GM.FLUTE, lead_density=0.55, arp=GM.HARP, arp_shape="gliss", beats_per_chord=8,
                          dynamics=0.55),
}

_M = Style(name="middle_eastern", scale="hijaz", tempo=80, harmony="drone", approach=None, pad=GM.STRINGS,
           ornament=0.2)
# Motifs walk the lower tetrachord (jins) up and back, where each maqam's colour lies.
_MIDDLE_EASTERN = {
    "joyful": replace(_M, scale="rast", tempo=104, motif=(0, 1, 2, 3, 4, 3, 2, 1), lead=GM.NYLON_GUITAR,
                      lead_step=0.5, lead_density=0.85, percussion="maqsum", dynamics=0.8),
    "calm": replace(_M, scale="bayati", tempo=72, lead=GM.FLUTE, arp=GM.NYLON_GUITAR, arp_shape="oud",
                    arp_step=1.0, arp_rest=0.3, dynamics=0.6),
    "sad": replace(_M, scale="saba", tempo=60, lead=GM.VIOLIN, arp=GM.NYLON_GUITAR, arp_shape="oud",
                   arp_step=1.0, arp_rest=0.35, dynamics=0.55),
    "tense": replace(_M, scale="hijaz", tempo=116, motif=(0, 1, 2, 1, 2, 3, 2, 1, 0), lead=GM.NYLON_GUITAR,
                     lead_step=0.5, lead_density=0.9, bass=GM.CONTRABASS, bass_mode="pulse", percussion="malfuf",
                     dynamics=0.85),
    "mysterious": replace(_M, scale="hijaz", tempo=62, pad=GM.WARM_PAD, lead=GM.FLUTE, lead_density=0.5,
                          percussion="frame_drum", dynamics=0.55),
}

_E = Style(name="east_asian", scale="yo", tempo=72, harmony="drone", approach=None,
           progressions=((0, 1, 0, 2), (0, 2, 3, 0)), arp=GM.KOTO, arp_shape="koto", arp_step=1.0)
_EAST_ASIAN = {
    "joyful": replace(_E, scale="gong", tempo=100, arp_step=0.5, lead=GM.FLUTE, lead_step=0.5, lead_density=0.8,
                      percussion="wood_blocks", dynamics=0.8),
    "calm": replace(_E, scale="yo", tempo=66, pad=GM.WARM_PAD, lead=GM.SHAKUHACHI, lead_density=0.55, dynamics=0.6),
    "sad": replace(_E, scale="in", tempo=58, pad=GM.WARM_PAD, lead=GM.SHAKUHACHI, lead_density=0.55, dynamics=0.55),
    "tense": replace(_E, scale="in", tempo=116, arp_step=0.25, arp_rest=0.05, bass=GM.TAIKO, bass_mode="taiko",
                     dynamics=0.85),
    "mysterious": replace(_E, scale="hirajoshi", tempo=60, pad=GM.WARM_PAD, arp_rest=0.4, lead=GM.SHAKUHACHI,
                          lead_density=0.45, dynamics=0.5),
}

_A = Style(name="african", scale="major_pentatonic", tempo=100, progressions=((0, 3, 1, 0), (0, 2, 3, 0)),
           approach=3, arp=GM.KALIMBA, arp_shape="updown", lead=GM.MARIMBA, lead_step=0.5)
_AFRICAN = {
    "joyful": replace(_A, tempo=108, percussion="congas", dynamics=0.85),
    "calm": replace(_A, tempo=76, pad=GM.CHOIR, lead=None, dynamics=0.6),
    "sad": replace(_A, scale="minor_pentatonic", tempo=64, pad=GM.CHOIR, lead_step=1.0, dynamics=0.55),
    "tense": replace(_A, scale="minor_pentatonic", tempo=120, arp_step=0.25, lead=None, percussion="congas",
                     bass=GM.CONTRABASS, bass_mode="pulse", dynamics=0.85),
    "mysterious": replace(_A, scale="minor_pentatonic", tempo=62, pad=GM.CHOIR, lead=None, arp_step=1.0,
                          arp_rest=0.35, dynamics=0.5),
}

_O = Style(name="orchestral", scale="major", tempo=84, pad=GM.STRINGS, arp=GM.HARP, arp_sustain=True,
           bass=GM.CONTRABASS)
# Cinematic: a full string bed, horn or woodwind melodies, harp figures, timpani-like pulse when tense.
_ORCHESTRAL = {
    "joyful": replace(_O, tempo=108, progressions=((0, 3, 4, 0), (0, 5, 3, 4)), arp_shape="updown",
                      lead=GM.FRENCH_HORN, lead_octave=0, lead_step=0.5, lead_density=0.8, bass_mode="quarters",
                      dynamics=0.85),
    "calm": replace(_O, tempo=70, progressions=((0, 3, 0, 4), (0, 5, 3, 4)), pad=GM.SLOW_STRINGS, lead=GM.OBOE,
                    lead_density=0.6, dynamics=0.6),
    "sad": replace(_O, scale="minor", tempo=60, leading_tone=True, progressions=((0, 5, 3, 4), (0, 3, 5, 4)),
                   pad=GM.SLOW_STRINGS, arp=None, lead=GM.CELLO, lead_octave=0, lead_density=0.65, dynamics=0.6),
    "tense": replace(_O, scale="octatonic", tempo=116, progressions=((0, 1, 0, 2),), approach=1,
                     pad=GM.TREMOLO_STRINGS, pad_octave=-1, arp=None, lead=GM.BRASS, lead_octave=0,
                     lead_density=0.5, bass=GM.TIMPANI, bass_mode="pulse", percussion="heartbeat", dynamics=0.85),
    "mysterious": replace(_O, scale="whole_tone", tempo=58, progressions=((0, 1, 0, 5),), approach=1,
                          pad=GM.SYNTH_STRINGS, arp=GM.CELESTA, arp_step=1.0, arp_rest=0.35, lead=GM.CLARINET,
                          lead_density=0.45, dynamics=0.55),
}

_AM = Style(name="ambient", scale="major_pentatonic", tempo=60, beats_per_chord=8.0, pad=GM.NEW_AGE_PAD,
            arp=GM.VIBRAPHONE, arp_step=2.0, arp_rest=0.4, arp_sustain=True, lead=None, dynamics=0.5)
# Slow pads and sparse bells, no rhythm section: it sits under speech without competing.
_AMBIENT = {
    "joyful": replace(_AM, tempo=72, progressions=((0, 3, 4, 0),), arp=GM.CELESTA, dynamics=0.6),
    "calm": replace(_AM, progressions=((0, 3, 0, 4),), pad=GM.WARM_PAD),
    "sad": replace(_AM, scale="minor", progressions=((0, 5, 3, 4),), pad=GM.HALO_PAD, arp=GM.PIANO, arp_step=2.0),
    "tense": replace(_AM, scale="octatonic", tempo=66, progressions=((0, 1, 0, 2),), approach=1,
                     pad=GM.SYNTH_STRINGS, bass=GM.CONTRABASS, bass_mode="pulse", dynamics=0.6),
    "mysterious": replace(_AM, scale="whole_tone", progressions=((0, 1, 0, 5),), approach=1, pad=GM.HALO_PAD,
                          arp=GM.CELESTA, dynamics=0.45),
}

_C = Style(name="contemporary", scale="major", tempo=96, progressions=((0, 4, 5, 3), (0, 5, 3, 4)),
           pad=GM.SYNTH_STRINGS, arp=GM.ELECTRIC_PIANO, arp_shape="broken", arp_sustain=False,
           bass=GM.FINGER_BASS, bass_mode="quarters", percussion="backbeat")
# Pop-leaning: the I-V-vi-IV family, electric piano and guitar figures over a soft backbeat.
_CONTEMPORARY = {
    "joyful": replace(_C, tempo=112, lead=GM.STEEL_GUITAR, lead_step=0.5, dynamics=0.85),
    "calm": replace(_C, tempo=84, arp=GM.STEEL_GUITAR, arp_shape="updown", percussion=None, dynamics=0.6),
    "sad": replace(_C, scale="minor", tempo=72, progressions=((0, 5, 2, 6), (0, 3, 5, 4)), arp=GM.PIANO,
                   percussion=None, bass_mode="held", dynamics=0.55),
    "tense": replace(_C, scale="dorian", tempo=120, progressions=((0, 6, 0, 3),), arp_step=0.25, dynamics=0.8),
    "mysterious": replace(_C, scale="dorian", tempo=80, progressions=((0, 3, 0, 6),), pad=GM.WARM_PAD,
                          arp=GM.VIBRAPHONE, percussion=None, dynamics=0.5),
}

_D = Style(name="devotional", scale="bhupali", tempo=72, harmony="drone", approach=None, pad=GM.REED_ORGAN,
           tanpura=GM.SITAR, lead=GM.FLUTE, ornament=0.3, arp=GM.TUBULAR_BELLS, arp_shape="up", arp_step=4.0,
           arp_rest=0.3, percussion="dadra")
# Bhajan and aarti: harmonium and tanpura drone, bansuri in a devotional raga, temple bells, dadra.
_DEVOTIONAL = {
    "joyful": replace(_D, scale="bhupali", tempo=96, motif=(2, 1, 0, -1, 0, 1, 2, 3, 2), lead_step=0.5,
                      percussion="keherwa", dynamics=0.8),
    "calm": replace(_D, scale="yaman", motif=(-1, 1, 2, 1, 2, 3, 4), dynamics=0.6),
    "sad": replace(_D, scale="bhairavi", tempo=60, motif=(0, 1, 2, 3, 2, 1, 0), lead=GM.SHEHNAI, lead_octave=0,
                   dynamics=0.55),
    "tense": replace(_D, scale="bhairav", tempo=84, motif=(0, 2, 3, 5, 4, 2, 3, 1, 0), dynamics=0.7),
    "mysterious": replace(_D, scale="bhairav", tempo=60, motif=(0, 2, 3, 5, 4, 2, 3, 1, 0), percussion=None,
                          dynamics=0.5),
}

# Under a chanted verse only the drone plays: tanpura plucks over the harmonium's Sa-Pa-Sa.
_DRONE = Style(name="drone", scale="yaman", tempo=60, harmony="drone", approach=None, pad=GM.REED_ORGAN,
               tanpura=GM.SITAR, dynamics=0.6)

_LATIN = {
    mood: replace(style, name="latin", arp=GM.NYLON_GUITAR, arp_shape="broken", arp_sustain=False,
                  percussion="shaker" if mood in ("joyful", "tense") else style.percussion)
    for mood, style in _WESTERN.items()
}

STYLES: dict[str, dict[str, Style]] = {
    "western": _WESTERN,
    "indian": _INDIAN,
    "middle_eastern": _MIDDLE_EASTERN,
    "east_asian": _EAST_ASIAN,
    "african": _AFRICAN,
    "latin": _LATIN,
    "orchestral": _ORCHESTRAL,
    "ambient": _AMBIENT,
    "contemporary": _CONTEMPORARY,
    "devotional": _DEVOTIONAL,
    "drone": {mood: _DRONE for mood in ("joyful", "calm", "sad", "tense", "mysterious")},
}
# FilmFormat.music_style -> the family of STYLES it selects ("auto" follows each scene's culture).
MUSIC_STYLE_FAMILIES = {"indian": "indian", "devotional": "devotional", "orchestral": "orchestral",
                        "ambient": "ambient", "contemporary": "contemporary"}  # fmt: skip
RAGAS = {"yaman", "bhupali", "bhairav", "bhairavi", "todi"}  # the Hindustani scales in SCALES


def cue_family(music_style: str, culture: str, chanted: bool = False) -> str:
    """The STYLES family for a scene: the creator's music style, else its culture (devotional for a
    scene of an Indian film that holds a chant)."""
    if music_style != "auto":
        try:
            return MUSIC_STYLE_FAMILIES[music_style]
        except KeyError:
            choices = ", ".join(MUSIC_STYLE_FAMILIES)
            raise ValueError(f"Unknown music style {music_style!r}; choose auto or {choices}.") from None
    if chanted and culture.strip().lower() == "indian":
        return "devotional"
    return culture


def style_for(mood: str, culture: str) -> Style:
    """The style for a mood and culture; unknown cultures read as western, unknown moods as calm."""
    by_mood = STYLES.get(culture.strip().lower().replace("-", "_").replace(" ", "_"), _WESTERN)
    mood_key = mood.strip().lower()
    mood_key = mood_key if mood_key in by_mood else "calm"
    style = by_mood[mood_key]
    return replace(style, name=f"{style.name}-{mood_key}")
