"""Which ``initial_prompt`` keeps filled pauses (음/어/그/저, um/uh/er) without hurting accuracy.

Whisper was trained on cleaned-up captions, so it tends to drop filled pauses; a short
prompt that itself contains fillers nudges it to write them. This bench compares candidate
prompts per language (no prompt, the current ``FILLER_PROMPTS`` prompting the words, the
same prompt *lent* the product's way — a second decoding only lends its fillers — and a few
alternatives) on:

1. **Filler recall** on recordings with fillers at known times. There are no real
   filler-bearing recordings in ``shared/speech``, so they are built at run time:

   - ``ko splice``: real human syllables cut from the Zeroth Korean clips (same speaker):
     the standalone word "그" and the first syllable of words starting with 어 (어떤, 어려울),
     located with Whisper's word timestamps (no prompt) and refined on the energy contour
     (a candidate with no energy dip before it, e.g. 어딨나 after 상품이, is skipped),
     lengthened to <=0.4 s with a small WSOLA time-stretch of the vowel, and inserted with
     150-300 ms of faint noise on each side at the start and at two word boundaries of
     *other* Zeroth clips (a host whose reference already holds a filler word is skipped).
   - ``en tts``: eight scripted interview answers spoken by ``espeak-ng``; text chunks and the
     fillers ("um", "uh", "er", spoken slower) are synthesised separately and joined with
     short pauses, so each filler's time is known exactly.
   - ``en splice``: an espeak "um"/"uh"/"er", level-matched, inserted at two word
     boundaries (the quietest 10 ms near Whisper's word boundary) of each LibriSpeech clip.

   An inserted filler counts as recalled when a filler token (e.g. 음, 어, 그, 저, 뭐 / um,
   uh, er, hmm; any type, not necessarily the inserted one) appears in the transcript with
   its word time within 1 s of the inserted filler; each token is used once.

2. **False fillers** on the clean real clips: filler tokens in the transcript beyond those
   in the reference, summed over clips (what a prompt invents).

3. **Error rate** on the clean real clips: Korean space-insensitive CER (``korean_cer``) on
   ``ko/manifest.tsv`` and English WER (``english_wer``) on ``en/manifest.tsv``. Note that
   Whisper's English normaliser deletes hmm/mm/mhm/uh/um before scoring (not "er"), so
   English WER hardly punishes invented fillers; the Korean CER does count them.

Also reported: **alone**, filler-only inputs (each cut filler, and pairs, with silence
around): how often the transcript repeats words of the prompt (Whisper echoing its prompt)
or holds any non-filler word. A prompt that echoes is unsafe for hesitant, short answers.

Limits: the filler recordings are synthetic splices, not spontaneous speech. Korean has one
speaker and only 그/어 sources (no usable 음/저/뭐 syllable in these clips), and a cut
syllable is only roughly a filler (co-articulation with its neighbours remains). The
English fillers are espeak's voice, not the host speaker's. Cuts rely on Whisper's word
timestamps (±~100 ms). Samples are small (~25 Korean and ~40 English fillers, 10-12 clean
clips per language): treat differences of a few points as noise. Decoding is deterministic
(temperature 0 first) on one machine, so reruns agree.

Run: ``.venv/bin/python bench/fillers.py`` (``--quick`` for a smaller run; ``--keep-audio DIR``
writes the built recordings as WAVs for listening). Needs ``espeak-ng`` on the PATH
(``apt-get install -y espeak-ng``) and ``../shared/speech``.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from interview.analysis.fluency import find_fillers
from interview.settings import REPOSITORY_ROOT, Settings
from interview.speech.audio import SAMPLE_RATE, DecodedAudio, load_audio, write_wav
from interview.speech.engine import Transcriber
from interview.speech.filler_merge import FILLER_FORMS
from interview.speech.options import FILLER_PROMPTS, TranscribeOptions
from interview.speech.transcribe import load_transcriber, transcribe
from interview.speech.transcript import Transcript, Word
from interview.text.error_rate import english_wer, korean_cer
from interview.text.morphology import MorphTagger, load_korean_tagger

Samples = npt.NDArray[np.float32]

SPEECH_DIR = REPOSITORY_ROOT.parent / "shared" / "speech"
MATCH_WINDOW_S = 1.0
FRAME = SAMPLE_RATE // 100  # 10 ms


@dataclass(frozen=True)
class Lent:
    """A prompt used the product's way: a second decoding lends only its fillers
    (``TranscribeOptions.filler_prompt``, ``speech.filler_merge``); the words stay unprompted."""

    prompt: str


Prompt = str | Lent | None

# Candidate prompts, by label; the same labels are used for both languages in the table.
# "current" prompts the decoding that writes the words; "lent" is what the product does.
CANDIDATES: dict[str, dict[str, Prompt]] = {
    "none": {"ko": None, "en": None},
    "current": {"ko": FILLER_PROMPTS["ko"], "en": FILLER_PROMPTS["en"]},
    "lent": {"ko": Lent(FILLER_PROMPTS["ko"]), "en": Lent(FILLER_PROMPTS["en"])},
    "alt-a": {
        "ko": "음, 그러니까 어... 저는 그 프로젝트에서, 음, 개발을 맡았어요.",
        "en": "Um, well, uh, I think, er, that's right.",
    },
    "alt-b": {
        "ko": "어, 음... 그, 뭐랄까, 제 생각에는요.",
        "en": "So, um, I was, uh, I mean, er, we tried, hmm, a few things.",
    },
    "alt-c": {
        "ko": "음. 어, 네. 그, 저는, 어, 그렇게 생각합니다.",
        "en": "Uh, um, okay. Hmm, er, yes.",
    },
    # Fillers and a discourse marker only: nothing with content that Whisper could echo.
    "alt-d": {"ko": "음... 어, 그러니까, 어, 음.", "en": "Um... uh, well, er, um."},
}

_NOT_WORD = re.compile(r"[^\w]")

# English answer scripts; the fillers um/uh/er are placed where speakers put them.
EN_SCRIPTS: tuple[str, ...] = (
    "Um, I think my biggest strength is, uh, staying calm under pressure.",
    "So, uh, in my last job I, um, led a small team of four engineers.",
    "Er, that's a good question. I would say, um, communication.",
    "Uh, we had a deadline that was, er, very tight, so I, um, split the work.",
    "I chose this company because, um, I really like the product, uh, and the people.",
    "Um, my weakness is, uh, that I sometimes take on too much.",
    "In five years I, er, hope to, um, lead a product team.",
    "Uh, I solved it by, um, writing a small script, er, that checked the logs.",
)
_EN_SCRIPT_FILLER = re.compile(r"\b(um|uh|er)\b,?", re.IGNORECASE)

# Korean filler sources: (clip stem, transcript-word prefix, filler it yields).
KO_SOURCES: tuple[tuple[str, str, str], ...] = (
    ("104_003_0193", "그", "그"),  # the standalone "그 바람에"
    ("104_003_0374", "어떤", "어"),
    ("104_003_0352", "어려", "어"),
    ("104_003_0352", "그곳", "그"),
    ("104_003_0437", "어딨", "어"),
)


@dataclass(frozen=True)
class Clip:
    name: str
    samples: Samples
    reference: str


@dataclass(frozen=True)
class InsertedFiller:
    label: str
    start: float
    end: float


@dataclass(frozen=True)
class FillerClip:
    name: str
    samples: Samples
    fillers: tuple[InsertedFiller, ...]


@dataclass
class Scores:
    recall: dict[str, tuple[int, int]]  # set name -> (hits, inserted)
    echo: tuple[int, int, int]  # filler-only inputs: (echoing the prompt, any words, inputs)
    false_fillers: int
    error_rate: float
    seconds: float
    # the product's filler detector (interview.analysis.fluency.find_fillers) on the same
    # transcripts: (detections matching an inserted filler, all detections, inserted)
    detection: tuple[int, int, int] = (0, 0, 0)


# ----------------------------------------------------------------------------- text


def filler_tokens(words: Sequence[Word], language: str) -> list[Word]:
    """The transcript words that are filled pauses."""
    pattern = FILLER_FORMS["ko" if language == "ko" else "en"]
    out = []
    for word in words:
        text = _NOT_WORD.sub("", unicodedata.normalize("NFC", word.word)).lower()
        if text and pattern.match(text):
            out.append(word)
    return out


def count_fillers(text: str, language: str) -> int:
    words = [Word(w, 0.0, 0.0, 1.0) for w in text.split()]
    return len(filler_tokens(words, language))


def match_fillers(inserted: Sequence[InsertedFiller], tokens: Sequence[Word]) -> int:
    """Greedily pair each inserted filler with the nearest unused token within the window."""
    used: set[int] = set()
    hits = 0
    for filler in inserted:
        centre = (filler.start + filler.end) / 2
        best, best_gap = -1, MATCH_WINDOW_S
        for i, token in enumerate(tokens):
            gap = abs((token.start + token.end) / 2 - centre)
            if i not in used and gap <= best_gap:
                best, best_gap = i, gap
        if best >= 0:
            used.add(best)
            hits += 1
    return hits


# ---------------------------------------------------------------------------- audio


def frame_rms(samples: Samples) -> npt.NDArray[np.float64]:
    n = len(samples) // FRAME
    frames = samples[: n * FRAME].astype(np.float64).reshape(n, FRAME)
    return np.sqrt((frames**2).mean(axis=1) + 1e-12)


def noise_floor(samples: Samples) -> float:
    return float(np.percentile(frame_rms(samples), 10))


def speech_level(samples: Samples) -> float:
    rms = frame_rms(samples)
    return float(np.sqrt(np.mean(rms[rms > 0.1 * rms.max()] ** 2)))


def quiet_point(samples: Samples, time_s: float, radius_s: float = 0.08) -> float:
    """The centre of the quietest 10 ms frame within ``radius_s`` of ``time_s``."""
    rms = frame_rms(samples)
    centre = int(time_s * 100)
    lo, hi = max(0, centre - int(radius_s * 100)), min(len(rms), centre + int(radius_s * 100) + 1)
    if lo >= hi:
        return min(max(time_s, 0.0), len(samples) / SAMPLE_RATE)
    return (lo + int(np.argmin(rms[lo:hi])) + 0.5) / 100


def trim_energy(samples: Samples, ratio: float = 0.15) -> Samples:
    rms = frame_rms(samples)
    if len(rms) == 0:
        return samples
    active = np.flatnonzero(rms > ratio * rms.max())
    return samples[active[0] * FRAME : (active[-1] + 1) * FRAME]


def fade(samples: Samples, seconds: float = 0.015) -> Samples:
    n = min(int(seconds * SAMPLE_RATE), len(samples) // 2)
    out = samples.copy()
    if n > 0:
        ramp = np.linspace(0.0, 1.0, n, dtype=np.float32)
        out[:n] *= ramp
        out[-n:] *= ramp[::-1]
    return out


def wsola_stretch(samples: Samples, factor: float) -> Samples:
    """Lengthen ``samples`` by ``factor`` (>1) keeping pitch: overlap-add of 30 ms Hann
    grains, each shifted by up to 5 ms to best continue the previous one."""
    grain, hop, tol = int(0.03 * SAMPLE_RATE), int(0.015 * SAMPLE_RATE), int(0.005 * SAMPLE_RATE)
    if len(samples) < grain + 2 * tol or factor <= 1.0:
        return samples
    window = np.hanning(grain).astype(np.float32)
    out_len = int(len(samples) * factor)
    out = np.zeros(out_len + grain, dtype=np.float32)
    norm = np.zeros_like(out)
    prev = 0
    for k, pos_out in enumerate(range(0, out_len, hop)):
        nominal = int(pos_out / factor)
        nominal = min(nominal, len(samples) - grain)
        if k == 0:
            pos_in = nominal
        else:
            target = samples[prev + hop : prev + hop + grain]
            best, best_score = nominal, -np.inf
            for cand in range(max(0, nominal - tol), min(len(samples) - grain, nominal + tol) + 1):
                if len(target) < grain:
                    break
                score = float(np.dot(samples[cand : cand + grain], target))
                if score > best_score:
                    best, best_score = cand, score
            pos_in = best
        out[pos_out : pos_out + grain] += samples[pos_in : pos_in + grain] * window
        norm[pos_out : pos_out + grain] += window
        prev = pos_in
    norm[norm < 1e-3] = 1.0
    return (out / norm)[:out_len].astype(np.float32)


def lengthen_syllable(unit: Samples, target_s: float = 0.4, keep_onset: float = 0.35) -> Samples:
    """Stretch the vowel part (after the first ``keep_onset`` share) so the unit lasts
    about ``target_s``; fillers are held longer than ordinary syllables."""
    if len(unit) >= target_s * SAMPLE_RATE:
        return unit
    split = int(len(unit) * keep_onset)
    onset, vowel = unit[:split], unit[split:]
    factor = min(3.0, (target_s * SAMPLE_RATE - len(onset)) / max(len(vowel), 1))
    return np.concatenate([onset, wsola_stretch(vowel, factor)]).astype(np.float32)


def splice(
    host: Samples,
    points: Sequence[float],
    units: Sequence[tuple[str, Samples]],
    rng: np.random.Generator,
) -> tuple[Samples, tuple[InsertedFiller, ...]]:
    """Insert each unit at its time in ``host`` with 150-300 ms of host-level noise around."""
    floor = noise_floor(host)
    pieces: list[Samples] = []
    fillers: list[InsertedFiller] = []
    cursor, length = 0, 0
    for point, (label, unit) in sorted(zip(points, units, strict=True), key=lambda p: p[0]):
        cut = int(point * SAMPLE_RATE)
        before = host[cursor:cut]
        gaps = [
            (rng.standard_normal(int(rng.uniform(0.15, 0.3) * SAMPLE_RATE)) * floor).astype(
                np.float32
            )
            for _ in range(2)
        ]
        pieces += [before, gaps[0]]
        length += len(before) + len(gaps[0])
        fillers.append(
            InsertedFiller(label, length / SAMPLE_RATE, (length + len(unit)) / SAMPLE_RATE)
        )
        pieces += [unit, gaps[1]]
        length += len(unit) + len(gaps[1])
        cursor = cut
    pieces.append(host[cursor:])
    return np.concatenate(pieces).astype(np.float32), tuple(fillers)


# ------------------------------------------------------------------------- corpora


def read_manifest(language: str, limit: int | None) -> list[Clip]:
    folder = SPEECH_DIR / language
    with (folder / "manifest.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        Clip(row["file"], load_audio(folder / row["file"]).samples, row["transcript"])
        for row in rows[:limit]
    ]


def espeak(text: str, workdir: Path, speed: int = 160) -> Samples:
    """Synthesise ``text`` with espeak-ng (22.05 kHz WAV), resampled to 16 kHz mono."""
    path = workdir / "espeak.wav"
    subprocess.run(
        ["espeak-ng", "-v", "en-us", "-s", str(speed), "-w", str(path), text],
        check=True,
        capture_output=True,
    )
    return trim_energy(load_audio(path).samples, ratio=0.02)


def build_en_tts(
    scripts: Sequence[str], workdir: Path, rng: np.random.Generator
) -> list[FillerClip]:
    """Scripted answers: text chunks and fillers synthesised apart, joined with pauses."""
    clips = []
    for n, script in enumerate(scripts):
        pieces: list[Samples] = [np.zeros(int(0.3 * SAMPLE_RATE), dtype=np.float32)]
        fillers: list[InsertedFiller] = []
        length = len(pieces[0])
        for part in _EN_SCRIPT_FILLER.split(script):
            text = part.strip(" ,")
            if not text:
                continue
            filler = text.lower() in {"um", "uh", "er"}
            audio = espeak(text, workdir, speed=100 if filler else 160)
            pause = np.zeros(int(rng.uniform(0.12, 0.25) * SAMPLE_RATE), dtype=np.float32)
            if filler:
                fillers.append(
                    InsertedFiller(
                        text.lower(), length / SAMPLE_RATE, (length + len(audio)) / SAMPLE_RATE
                    )
                )
            pieces += [audio, pause]
            length += len(audio) + len(pause)
        pieces.append(np.zeros(int(0.3 * SAMPLE_RATE), dtype=np.float32))
        clips.append(FillerClip(f"tts-{n}", np.concatenate(pieces), tuple(fillers)))
    return clips


def word_boundaries(words: Sequence[Word], shares: Sequence[float]) -> list[float]:
    """Times between words at the given shares of the way through the word list."""
    if len(words) < 3:
        return []
    out = []
    for share in shares:
        i = min(max(round(share * (len(words) - 1)), 0), len(words) - 2)
        out.append((words[i].end + words[i + 1].start) / 2)
    return out


def build_en_splice(
    clips: Sequence[Clip],
    timings: dict[str, Transcript],
    workdir: Path,
    rng: np.random.Generator,
) -> list[FillerClip]:
    """Espeak um/uh/er, level-matched, inserted at two word boundaries of each clip."""
    units = {label: espeak(label, workdir, speed=100) for label in ("um", "uh", "er")}
    out = []
    for n, clip in enumerate(clips):
        points = [
            quiet_point(clip.samples, t)
            for t in word_boundaries(timings[clip.name].words, (0.35, 0.7))
        ]
        if not points:
            continue
        level = speech_level(clip.samples)
        labels = [("um", "uh", "er")[(n + k) % 3] for k in range(len(points))]
        chosen = [
            (label, fade(units[label] * (0.8 * level / speech_level(units[label]))))
            for label in labels
        ]
        samples, fillers = splice(clip.samples, points, chosen, rng)
        out.append(FillerClip(f"splice-{Path(clip.name).stem}", samples, fillers))
    return out


def syllable_bounds(samples: Samples, word: Word, syllables: int) -> tuple[float, float] | None:
    """Refine the first syllable of ``word`` with the energy contour: the peak in its first
    syllable's share, back to the dip before it (onset) and on to the dip after it (end).
    None when no dip separates it from the previous word."""
    rms = frame_rms(samples)
    first = int(word.start * 100)
    span = max(20, int((word.end - word.start) * 100 / syllables)) + (5 if syllables == 1 else 0)
    if first + span > len(rms):
        return None
    peak_at = first + int(np.argmax(rms[first : first + span]))
    floor = 0.08 * rms[peak_at]
    onset = peak_at
    while onset > max(0, first - 12) and rms[onset - 1] > floor:
        onset -= 1
    if onset == 0 or rms[onset - 1] > floor:
        return None
    end = peak_at
    while end < min(len(rms) - 1, onset + 30) and rms[end + 1] > 0.15 * rms[peak_at]:
        end += 1
    if end - onset >= 30:  # no dip: stop at the quietest frame 120-300 ms after the onset
        end = onset + 12 + int(np.argmin(rms[onset + 12 : onset + 30]))
    return max(0.0, (onset - 2) / 100), (end + 1) / 100


def cut_ko_units(
    clips: Sequence[Clip], timings: dict[str, Transcript]
) -> list[tuple[str, str, Samples]]:
    """(source clip, filler, samples) syllables cut from the Zeroth clips."""
    by_stem = {Path(c.name).stem: c for c in clips}
    units = []
    for stem, prefix, label in KO_SOURCES:
        clip = by_stem.get(stem)
        if clip is None:
            continue
        for word in timings[clip.name].words:
            text = _NOT_WORD.sub("", word.word)
            if not (text == prefix if len(prefix) == 1 else text.startswith(prefix)):
                continue
            syllables = max(1, sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3"))
            bounds = syllable_bounds(clip.samples, word, syllables)
            if bounds is not None:
                unit = clip.samples[int(bounds[0] * SAMPLE_RATE) : int(bounds[1] * SAMPLE_RATE)]
                units.append((clip.name, label, fade(lengthen_syllable(unit))))
            break
    return units


def build_ko_splice(
    clips: Sequence[Clip],
    timings: dict[str, Transcript],
    units: Sequence[tuple[str, str, Samples]],
    rng: np.random.Generator,
) -> list[FillerClip]:
    """Real syllables inserted at the start and two word boundaries of other Zeroth clips."""
    out = []
    for host, clip in enumerate(clips):
        if count_fillers(clip.reference, "ko"):
            continue  # a host that already says "그" would blur the scoring
        words = timings[clip.name].words
        if len(words) < 3:
            continue
        candidates = [u for u in units if u[0] != clip.name]
        if not candidates:
            continue
        times = [max(0.0, words[0].start - 0.05), *word_boundaries(words, (0.4, 0.75))]
        points = [quiet_point(clip.samples, t) for t in times]
        # Rotate so each position (start, middle) gets every kind of filler in turn.
        picks = [candidates[(host + slot) % len(candidates)] for slot in range(len(points))]
        chosen = [(label, unit) for _source, label, unit in picks]
        samples, fillers = splice(clip.samples, points, chosen, rng)
        out.append(FillerClip(f"splice-{Path(clip.name).stem}", samples, fillers))
    return out


def filler_only(units: Sequence[Samples], rng: np.random.Generator) -> list[Samples]:
    """Inputs holding nothing but fillers (each unit, and each pair of neighbours), padded
    with 0.6 s of faint noise: what a hesitant "음... 어..." answer gives the recogniser."""
    pieces = [[u] for u in units] + [list(pair) for pair in itertools.pairwise(units)]
    out = []
    for group in pieces:
        gap = np.zeros(int(0.3 * SAMPLE_RATE), dtype=np.float32)
        body = [x for u in group for x in (u, gap)][:-1]
        pad = np.zeros(int(0.6 * SAMPLE_RATE), dtype=np.float32)
        joined = np.concatenate([pad, *body, pad])
        out.append((joined + rng.standard_normal(len(joined)) * 1e-3).astype(np.float32))
    return out


def prompt_words(prompt: Prompt, language: str) -> set[str]:
    """The prompt's words that are not fillers (what an echo of the prompt would show)."""
    if isinstance(prompt, Lent):
        prompt = prompt.prompt
    if not prompt:
        return set()
    words = [Word(w, 0.0, 0.0, 1.0) for w in prompt.split()]
    fillers = {w.word for w in filler_tokens(words, language)}
    return {_norm(w.word) for w in words if w.word not in fillers and len(_norm(w.word)) >= 2}


def _norm(word: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFC", word)).lower()


# ----------------------------------------------------------------------------- runs


def run_transcribe(
    transcriber: Transcriber, samples: Samples, language: str, prompt: Prompt, beam: int
) -> Transcript:
    audio = DecodedAudio(samples=samples, source_codec="pcm_s16le", source_container="bench")
    if isinstance(prompt, Lent):
        options = TranscribeOptions(language=language, beam_size=beam, filler_prompt=prompt.prompt)
    else:
        options = TranscribeOptions(language=language, beam_size=beam, initial_prompt=prompt)
    return transcribe(transcriber, audio, options)


def evaluate(
    transcriber: Transcriber,
    language: str,
    prompt: Prompt,
    clean: Sequence[Clip],
    filler_sets: dict[str, Sequence[FillerClip]],
    only_fillers: Sequence[Samples],
    beam: int,
    clean_results: dict[str, Transcript] | None = None,
    verbose: bool = False,
    tagger: MorphTagger | None = None,
) -> Scores:
    began = time.perf_counter()
    results = clean_results or {
        c.name: run_transcribe(transcriber, c.samples, language, prompt, beam) for c in clean
    }
    hyps = [results[c.name].text for c in clean]
    refs = [c.reference for c in clean]
    if verbose:
        for clip, hyp in zip(clean, hyps, strict=True):
            print(f"    {Path(clip.name).stem}: {hyp}", file=sys.stderr)
    rate = korean_cer(refs, hyps) if language == "ko" else english_wer(refs, hyps)
    false = sum(
        max(0, count_fillers(h, language) - count_fillers(r, language))
        for r, h in zip(refs, hyps, strict=True)
    )
    detected_hits = 0
    detected_total = sum(
        len(find_fillers(results[c.name].words, language, tagger)) for c in clean
    )  # every detection on a clean clip is a false one
    inserted_total = 0
    recall = {}
    for set_name, clips in filler_sets.items():
        hits = total = 0
        for clip in clips:
            result = run_transcribe(transcriber, clip.samples, language, prompt, beam)
            detected = [
                Word(f.text, f.start, f.end, 1.0)
                for f in find_fillers(result.words, language, tagger)
            ]
            detected_hits += match_fillers(clip.fillers, detected)
            detected_total += len(detected)
            inserted_total += len(clip.fillers)
            got = match_fillers(clip.fillers, filler_tokens(result.words, language))
            hits += got
            total += len(clip.fillers)
            if verbose:
                print(f"    {clip.name}: {got}/{len(clip.fillers)}  {result.text}", file=sys.stderr)
        recall[set_name] = (hits, total)
    echoes = junk = 0
    echo_words = prompt_words(prompt, language)
    for n, samples in enumerate(only_fillers):
        result = run_transcribe(transcriber, samples, language, prompt, beam)
        said = {_norm(w.word) for w in result.words} - {
            _norm(w.word) for w in filler_tokens(result.words, language)
        }
        said.discard("")
        echoes += bool(said & echo_words)
        junk += bool(said)
        if verbose:
            print(f"    fillers-only-{n}: {result.text!r}", file=sys.stderr)
    return Scores(
        recall,
        (echoes, junk, len(only_fillers)),
        false,
        rate,
        time.perf_counter() - began,
        (detected_hits, detected_total, inserted_total),
    )


def pct(pair: tuple[int, int] | None) -> str:
    if pair is None or pair[1] == 0:
        return "-"
    return f"{pair[0]}/{pair[1]} {100 * pair[0] / pair[1]:3.0f}%"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer clips (about a third)")
    parser.add_argument(
        "--prompts",
        nargs="+",
        choices=list(CANDIDATES),
        default=list(CANDIDATES),
        help="which candidate prompts to run",
    )
    parser.add_argument("--languages", nargs="+", choices=["ko", "en"], default=["ko", "en"])
    parser.add_argument("--engine", choices=["faster-whisper", "openai-whisper"], default=None)
    parser.add_argument("--beam-size", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep-audio", type=Path, help="write the built recordings here")
    parser.add_argument("--verbose", action="store_true", help="print each filler transcript")
    args = parser.parse_args(argv)

    if "en" in args.languages and shutil.which("espeak-ng") is None:
        parser.error("espeak-ng is not installed (apt-get install -y espeak-ng)")
    limit = 4 if args.quick else None
    transcriber = load_transcriber(Settings(), engine=args.engine)
    tagger = load_korean_tagger()
    table: dict[str, dict[str, Scores]] = {label: {} for label in args.prompts}
    built: dict[str, dict[str, Sequence[FillerClip]]] = {}

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    for language in args.languages:
        # One generator per language, so a language's recordings do not depend on the other.
        rng = np.random.default_rng([args.seed, ord(language[0])])
        clean = read_manifest(language, limit)
        log(f"[{language}] timing {len(clean)} clean clips with no prompt")
        plain = {
            c.name: run_transcribe(transcriber, c.samples, language, None, args.beam_size)
            for c in clean
        }
        if language == "ko":
            all_ko = read_manifest("ko", None)
            extra = [c for c in all_ko if c.name not in plain]
            plain.update(
                {
                    c.name: run_transcribe(transcriber, c.samples, "ko", None, args.beam_size)
                    for c in extra
                    if any(Path(c.name).stem == s for s, _, _ in KO_SOURCES)
                }
            )
            units = cut_ko_units(all_ko, plain)
            log(f"[ko] cut {len(units)} filler syllables: {[u[1] for u in units]}")
            sets: dict[str, Sequence[FillerClip]] = {
                "ko splice": build_ko_splice(clean, plain, units, rng)
            }
            alone = filler_only([u for _, _, u in units], rng)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                scripts = EN_SCRIPTS[:3] if args.quick else EN_SCRIPTS
                libri = [c for c in clean if c.name.startswith("librispeech")]
                sets = {
                    "en tts": build_en_tts(scripts, Path(tmp), rng),
                    "en splice": build_en_splice(libri, plain, Path(tmp), rng),
                }
                alone = filler_only(
                    [fade(espeak(label, Path(tmp), speed=100)) for label in ("um", "uh", "er")],
                    rng,
                )
        built[language] = sets
        if args.keep_audio:
            args.keep_audio.mkdir(parents=True, exist_ok=True)
            for set_clips in sets.values():
                for clip in set_clips:
                    write_wav(args.keep_audio / f"{language}-{clip.name}.wav", clip.samples)
        for label in args.prompts:
            prompt = CANDIDATES[label][language]
            log(f"[{language}] prompt {label}: {prompt!r}")
            table[label][language] = evaluate(
                transcriber,
                language,
                prompt,
                clean,
                sets,
                alone[:4] if args.quick else alone,
                args.beam_size,
                clean_results=plain if prompt is None else None,
                verbose=args.verbose,
                tagger=tagger,
            )
            log(f"    {table[label][language]}")

    print(
        f"engine {transcriber.engine} {transcriber.model_name}, beam {args.beam_size}, "
        f"{'quick' if args.quick else 'full'} run. recall = fillers found within "
        f"±{MATCH_WINDOW_S:.0f} s / inserted; false = fillers invented on the clean clips; "
        "alone = filler-only inputs whose transcript repeats a prompt word / inputs "
        "(in brackets: with any non-filler word); CER/WER on the clean clips."
    )
    columns = [
        ("prompt", 8),
        ("ko recall", 12),
        ("ko false", 8),
        ("ko alone", 9),
        ("CER ko", 6),
        ("en recall tts", 13),
        ("en rec. splice", 14),
        ("en false", 8),
        ("en alone", 9),
        ("WER en", 6),
    ]
    header = " | ".join(f"{name:>{width}}" for name, width in columns)
    print(header)
    print("-" * len(header))
    for label in args.prompts:
        cells = [label]
        for language, sets_shown in (("ko", ["ko splice"]), ("en", ["en tts", "en splice"])):
            scores = table[label].get(language)
            if scores is None:
                cells += ["-"] * (len(sets_shown) + 3)
                continue
            cells += [pct(scores.recall.get(name)) for name in sets_shown]
            echoes, wordy, inputs = scores.echo
            cells += [
                str(scores.false_fillers),
                f"{echoes}/{inputs} ({wordy})",
                f"{100 * scores.error_rate:.1f}%",
            ]
        print(
            " | ".join(f"{cell:>{width}}" for cell, (_, width) in zip(cells, columns, strict=True))
        )
    print()
    print("filler detection by interview.analysis.fluency on those transcripts")
    print("(precision = detections at an inserted filler / all detections, clean clips")
    print(" included; recall = inserted fillers detected / inserted)")
    for label in args.prompts:
        for language in args.languages:
            scores = table[label].get(language)
            if scores is None:
                continue
            hits, found, inserted = scores.detection
            precision = hits / found if found else float("nan")
            recall_share = hits / inserted if inserted else float("nan")
            print(
                f"{label:<8} {language}: precision {hits}/{found} = {precision:.2f}, "
                f"recall {hits}/{inserted} = {recall_share:.2f}"
            )
    print()
    for label in args.prompts:
        for language in args.languages:
            print(f"{label:<8} {language}: {CANDIDATES[label][language]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
