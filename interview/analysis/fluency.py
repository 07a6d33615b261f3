"""Fluency: fillers, repetitions and restarts, hesitations inside sentences, unclear speech.

Korean fillers are decided with the morphological analyser, not by string: 그/저/뭐 are
fillers when tagged as interjections (IC) — "그… 저는" — and ordinary words when they are a
determiner or a pronoun — "그 회사", "저는". Bare filled pauses (음, 어, um, uh) are fillers
wherever they stand. Discourse markers (약간, 이제, 진짜; like, you know, I mean) count only
where they stand apart: after a break or before a comma or a pause.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from interview.analysis.norms import FLUENT_FILLERS_PER_MINUTE, HESITANT_FILLERS_PER_MINUTE
from interview.analysis.pacing import answer_span
from interview.speech.transcript import Transcript, Word
from interview.text.morphology import MorphTagger

KOREAN_FILLED_PAUSES = frozenset({"음", "어", "으", "흠", "엄", "음음", "어어", "으음", "에"})
KOREAN_INTERJECTION_FILLERS = frozenset({"아", "그", "저", "저기", "뭐", "그니까", "막"})
KOREAN_DISCOURSE_MARKERS = frozenset({"약간", "이제", "진짜", "솔직히", "막", "그러니까", "좀"})
ENGLISH_FILLED_PAUSES = frozenset({"um", "umm", "uh", "uhh", "er", "erm", "ah", "hmm", "mm", "uhm"})
ENGLISH_MARKERS = ("you know", "i mean", "like", "basically", "actually", "literally", "so")

UNCLEAR_PROBABILITY = 0.4
MID_SENTENCE_HESITATION_SECONDS = 1.0
PAUSE_AFTER_MARKER_SECONDS = 0.3
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
_SENTENCE_END = re.compile(r"[.?!。]$|(다|요|까)[.?!]?$")


@dataclass(frozen=True)
class Filler:
    text: str
    start: float
    end: float
    kind: str  # "filled pause" | "discourse marker"


@dataclass(frozen=True)
class Repetition:
    text: str
    start: float
    end: float
    kind: str  # "repetition" | "restart"


@dataclass(frozen=True)
class Hesitation:
    start: float
    end: float
    after: str  # the word before it


@dataclass(frozen=True)
class UnclearStretch:
    text: str
    start: float
    end: float
    probability: float


@dataclass(frozen=True)
class Fluency:
    fillers: tuple[Filler, ...]
    fillers_per_minute: float
    fillers_per_100_words: float
    filler_band: str  # fluent | some | hesitant
    repetitions: tuple[Repetition, ...]
    hesitations: tuple[Hesitation, ...]  # silences of 1 s or more inside a sentence
    unclear: tuple[UnclearStretch, ...]
    unclear_ratio: float
    score: int


def bare(word: str) -> str:
    return _EDGE_PUNCTUATION.sub("", word).lower()


def find_fillers(
    words: tuple[Word, ...], language: str, tagger: MorphTagger | None
) -> tuple[Filler, ...]:
    if language == "ko":
        return _korean_fillers(words, tagger)
    return _english_fillers(words)


def _korean_fillers(words: tuple[Word, ...], tagger: MorphTagger | None) -> tuple[Filler, ...]:
    interjection_words: set[int] = set()
    if tagger is not None and words:
        text, offsets = _join(words)
        for morph in tagger.tag(text):
            if morph.tag == "IC":
                index = bisect.bisect_right(offsets, morph.start) - 1
                if bare(words[index].word) == morph.form:
                    interjection_words.add(index)
    fillers = []
    for index, word in enumerate(words):
        form = bare(word.word)
        if form in KOREAN_FILLED_PAUSES or (
            form in KOREAN_INTERJECTION_FILLERS and index in interjection_words
        ):
            fillers.append(Filler(form, word.start, word.end, "filled pause"))
        elif form in KOREAN_DISCOURSE_MARKERS and (
            index in interjection_words or _stands_apart(words, index)
        ):
            fillers.append(Filler(form, word.start, word.end, "discourse marker"))
    return tuple(fillers)


def _english_fillers(words: tuple[Word, ...]) -> tuple[Filler, ...]:
    fillers = []
    index = 0
    while index < len(words):
        form = bare(words[index].word)
        if form in ENGLISH_FILLED_PAUSES:
            fillers.append(Filler(form, words[index].start, words[index].end, "filled pause"))
            index += 1
            continue
        matched = False
        for marker in ENGLISH_MARKERS:
            parts = marker.split()
            span = words[index : index + len(parts)]
            if len(span) == len(parts) and [bare(w.word) for w in span] == parts:
                last = index + len(parts) - 1
                before, after = _after_break(words, index), _stands_apart(words, last)
                if marker == "like":
                    counts = before or after
                elif (
                    marker == "you know"
                ):  # "you know, ..." or "..., you know." but not "you know the"
                    counts = after or words[last].word.rstrip().endswith((".", "?", "!"))
                else:
                    counts = before and after
                if counts:
                    fillers.append(Filler(marker, span[0].start, span[-1].end, "discourse marker"))
                    index += len(parts)
                    matched = True
                    break
        if not matched:
            index += 1
    return tuple(fillers)


def _after_break(words: tuple[Word, ...], index: int) -> bool:
    """At the start, or right after a comma, a sentence end or a pause."""
    if index == 0:
        return True
    previous = words[index - 1]
    return previous.word.rstrip().endswith((",", ".", "?", "!", "…")) or (
        words[index].start - previous.end >= PAUSE_AFTER_MARKER_SECONDS
    )


def _stands_apart(words: tuple[Word, ...], index: int) -> bool:
    """Followed by a comma, an ellipsis or a pause (or the end)."""
    word = words[index]
    if word.word.rstrip().endswith((",", "...", "…")):
        return True
    if index + 1 == len(words):
        return False
    return words[index + 1].start - word.end >= PAUSE_AFTER_MARKER_SECONDS


def find_repetitions(words: tuple[Word, ...], skip: set[int]) -> tuple[Repetition, ...]:
    """Repeated words or word pairs ("저는 저는", "I was I was") and restarts ("저 저는")."""
    forms = [(i, bare(w.word)) for i, w in enumerate(words) if i not in skip and bare(w.word)]
    found: list[Repetition] = []
    position = 0
    while position < len(forms):
        advanced = False
        for size in (2, 1):
            first = forms[position : position + size]
            second = forms[position + size : position + 2 * size]
            if len(second) == size and [f for _, f in first] == [f for _, f in second]:
                start, end = words[first[0][0]], words[second[-1][0]]
                text = " ".join(f for _, f in first + second)
                found.append(Repetition(text, start.start, end.end, "repetition"))
                position += size
                advanced = True
                break
        if advanced:
            continue
        if position + 1 < len(forms):
            (i, this), (j, following) = forms[position], forms[position + 1]
            if len(this) <= 2 and len(following) > len(this) and following.startswith(this):
                text = f"{words[i].word.strip()} {words[j].word.strip()}"
                found.append(Repetition(text, words[i].start, words[j].end, "restart"))
        position += 1
    return tuple(found)


def find_hesitations(words: tuple[Word, ...], skip: set[int]) -> tuple[Hesitation, ...]:
    """Silences of 1 s or more between words of one sentence; fillers count as silence."""
    spoken = [w for i, w in enumerate(words) if i not in skip]
    return tuple(
        Hesitation(round(a.end, 3), round(b.start, 3), a.word.strip())
        for a, b in itertools.pairwise(spoken)
        if b.start - a.end >= MID_SENTENCE_HESITATION_SECONDS
        and not _SENTENCE_END.search(a.word.strip())
    )


def find_unclear(words: tuple[Word, ...], skip: set[int]) -> tuple[UnclearStretch, ...]:
    """Runs of words the recogniser was unsure of (probability under 0.4)."""
    stretches: list[UnclearStretch] = []
    run: list[Word] = []

    def close() -> None:
        if len(run) >= 2 or (run and run[0].probability < UNCLEAR_PROBABILITY / 2):
            mean = sum(w.probability for w in run) / len(run)
            text = " ".join(w.word.strip() for w in run)
            stretches.append(UnclearStretch(text, run[0].start, run[-1].end, round(mean, 3)))
        run.clear()

    for index, word in enumerate(words):
        if index in skip:
            continue
        if word.probability < UNCLEAR_PROBABILITY:
            run.append(word)
        else:
            close()
    close()
    return tuple(stretches)


def analyse_fluency(
    transcript: Transcript, language: str, tagger: MorphTagger | None = None
) -> Fluency:
    words = transcript.words
    fillers = find_fillers(words, language, tagger)
    filler_starts = {f.start for f in fillers}
    filler_indices = {i for i, w in enumerate(words) if w.start in filler_starts}
    filler_indices |= {
        i for i, w in enumerate(words) for f in fillers if f.start <= w.start and w.end <= f.end
    }
    repetitions = find_repetitions(words, filler_indices)
    hesitations = find_hesitations(words, filler_indices)
    unclear = find_unclear(words, filler_indices)
    span = answer_span(words, transcript.speech_regions) if words else (0.0, 60.0)
    minutes = max((span[1] - span[0]) / 60, 1 / 60)
    content_words = max(len(words) - len(filler_indices), 1)
    per_minute = len(fillers) / minutes
    per_100 = 100 * len(fillers) / max(len(words), 1)
    unclear_words = sum(len(s.text.split()) for s in unclear)
    unclear_ratio = unclear_words / content_words if words else 0.0
    return Fluency(
        fillers=fillers,
        fillers_per_minute=round(per_minute, 2),
        fillers_per_100_words=round(per_100, 2),
        filler_band=_filler_band(per_minute),
        repetitions=repetitions,
        hesitations=hesitations,
        unclear=unclear,
        unclear_ratio=round(unclear_ratio, 3),
        score=_score(per_minute, len(repetitions), len(hesitations), unclear_ratio) if words else 0,
    )


def _filler_band(per_minute: float) -> str:
    if per_minute <= FLUENT_FILLERS_PER_MINUTE:
        return "fluent"
    if per_minute < HESITANT_FILLERS_PER_MINUTE:
        return "some"
    return "hesitant"


def _score(
    fillers_per_minute: float, repetitions: int, hesitations: int, unclear_ratio: float
) -> int:
    # Every filler costs something (no free allowance), so more fillers never score higher:
    # 4.8 per minute, the "hesitant" norm, costs 40 points.
    filler_cost = min(60.0, 40.0 * fillers_per_minute / HESITANT_FILLERS_PER_MINUTE)
    repetition_cost = min(20.0, 4.0 * repetitions)
    hesitation_cost = min(20.0, 5.0 * hesitations)
    unclear_cost = min(15.0, 30.0 * unclear_ratio)
    return max(0, round(100 - filler_cost - repetition_cost - hesitation_cost - unclear_cost))


def _join(words: tuple[Word, ...]) -> tuple[str, list[int]]:
    offsets, parts, position = [], [], 0
    for word in words:
        text = word.word.strip()
        offsets.append(position)
        parts.append(text)
        position += len(text) + 1
    return " ".join(parts), offsets
