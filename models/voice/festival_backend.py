"""Festival (Debian `festival`): a batch Scheme script synthesizes one utterance and writes
the engine's own Segment and Word times next to the WAV."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from models.errors import BackendUnavailable
from models.voice.align import tidy
from models.voice.base import VOICE_BACKENDS, Take, Timed, Voice
from models.voice.programs import read_wav, require, run
from models.voice.text import clean_text, to_ascii, tokens

VOICE_DIRS = (Path("/usr/share/festival/voices"), Path("/usr/lib/festival/voices"))
# festvox-hi-nsk ships the diphones, but its lexicon and phone set live in festival-hi.
HINDI_SCM_DIRS = (Path("/usr/share/festival/hindi_scm"), Path("/usr/lib/festival/hindi_scm"))
_SILENCES = {"pau", "h#", "sil", "#"}

_REPORT = """
(set! fd (fopen "{report}" "w"))
(mapcar (lambda (s) (format fd "S\\t%s\\t%f\\t%f\\n" (item.name s)
  (item.feat s "segment_start") (item.feat s "segment_end"))) (utt.relation.items utt 'Segment))
(mapcar (lambda (w) (format fd "W\\t%s\\t%s\\t%f\\t%f\\n" (item.feat w "R:Token.parent.name")
  (item.feat w "R:Token.p.name") (item.feat w "word_start") (item.feat w "word_end")))
  (utt.relation.items utt 'Word))
(fclose fd)
"""


def _scheme_string(text: str) -> str:
    # Quotes and backslashes are never spoken; dropping them keeps the literal unbreakable.
    # festival-hi's tokenizer only knows Latin sentence ends (a danda glued to a word swallows
    # the word) and its letter-to-sound rules have no nukta (ज़ would be skipped, or crash the
    # voice when nothing else is left), so ज़ is read as ज, as many Hindi speakers do.
    text = text.replace("\u0965", ".").replace("\u0964", ".").replace("\u093c", "")
    return text.replace("\\", " ").replace('"', " ")


def _find_voice(name: str) -> Path:
    for root in VOICE_DIRS:
        for found in root.glob(f"*/{name}/festvox/{name}.scm"):
            return found
    raise BackendUnavailable(
        f"Festival voice {name!r} is not installed (looked in {', '.join(map(str, VOICE_DIRS))}): "
        "install its festvox-* Debian package."
    )


def _select_voice(name: str) -> str:
    """Scheme that loads and selects voice `name`, repairing what the Hindi voice leaves unset."""
    voice_file = _find_voice(name)
    if not name.startswith("hindi"):
        return f"(voice_{name})"
    scm = next((d for d in HINDI_SCM_DIRS if (d / "hindi_phones.scm").exists()), None)
    if scm is None:
        raise BackendUnavailable(
            "The Festival Hindi voice needs the Hindi lexicon and phone set: install the Debian "
            "package festival-hi (apt-get install festival-hi)."
        )
    # The NSK voice never sets Int_Method; its own hat-accent target function is meant for the
    # General method, so name it explicitly instead of inheriting whatever voice came before.
    return (
        f'(set! load-path (cons "{scm}/" load-path))\n(load "{voice_file}")\n(voice_{name})\n'
        "(Parameter.set 'Int_Method 'General)\n"
        "(set! int_general_params (list (list 'targ_func hindi_NSK_targ_func1)))"
    )


def _parse(report: str) -> tuple[list[Timed], list[Timed]]:
    phonemes: list[Timed] = []
    words: list[Timed] = []
    for row in report.splitlines():
        fields = row.split("\t")
        if fields[0] == "S" and len(fields) == 4 and fields[1] not in _SILENCES:
            phonemes.append(Timed(fields[1], float(fields[2]), float(fields[3])))
        elif fields[0] == "W" and len(fields) == 5 and tokens(fields[1]):
            start, end = float(fields[3]), float(fields[4])
            if end <= start:
                continue  # a word the voice could not pronounce (Latin inside Hindi) is silent
            # Words expanded from one token ("25" -> twenty five) merge back into that token.
            if fields[2] != "0" and words and words[-1].label == fields[1]:
                words[-1] = Timed(fields[1], words[-1].start, end)
            else:
                words.append(Timed(fields[1], start, end))
    return phonemes, words


class FestivalBackend:
    name = "festival"

    def __init__(self) -> None:
        self._festival = require("festival", "festival")
        banner = run([self._festival, "--version"], check=False)
        found = re.search(r"System:\s*([0-9][^:\s]*)", banner)
        self.version = found.group(1) if found else banner.strip()

    def can_speak(self, voice: Voice) -> bool:
        try:
            _select_voice(dict(voice.params).get("voice", "cmu_us_slt_arctic_hts"))
        except BackendUnavailable:
            return False
        return True

    def synthesize(self, text: str, voice: Voice) -> Take:
        text = written_text = clean_text(text)
        name = dict(voice.params).get("voice", "cmu_us_slt_arctic_hts")
        if name.startswith("hindi") and not re.search("[\u0900-\u097f]", text):
            # Latin-only input crashes festival-hi (SIGSEGV) instead of failing cleanly.
            raise ValueError(f"The Festival Hindi voice reads Devanagari; {text[:40]!r} has none.")
        if not name.startswith("hindi"):
            text = to_ascii(text, "Festival's English voice")
        select = _select_voice(name)
        with tempfile.TemporaryDirectory(prefix="festival-") as tmp:
            wav, report, script = Path(tmp, "line.wav"), Path(tmp, "line.tsv"), Path(tmp, "line.scm")
            script.write_text(
                f'{select}\n(set! utt (Utterance Text "{_scheme_string(text)}"))\n(utt.synth utt)\n'
                f'(utt.save.wave utt "{wav}" \'riff)\n' + _REPORT.format(report=report),
                encoding="utf-8",
            )
            run([self._festival, "--batch", str(script)])
            samples, rate = read_wav(wav)
            phonemes, words = _parse(report.read_text(encoding="utf-8", errors="replace"))
        if not phonemes:
            raise ValueError(f"Festival found nothing to say in {text[:40]!r}.")
        written = tokens(written_text)
        if len(written) == len(words):  # festival's token names lose quotes, accents and nuktas
            words = [Timed(label, w.start, w.end) for label, w in zip(written, words)]
        duration = len(samples) / rate
        return Take(samples, rate, tidy(phonemes, duration), tidy(words, duration))


@VOICE_BACKENDS.register("festival")
def _factory() -> FestivalBackend:
    return FestivalBackend()
