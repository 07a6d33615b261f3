"""Decoding options shared by both Whisper engines, so the same settings give the same text."""

from __future__ import annotations

from dataclasses import dataclass

# Short prompts that themselves contain fillers make Whisper keep more 음/어/um/uh instead
# of cleaning them away (long prompts make it drop sentences). Measured in bench/fillers.py:
# both keep 3-4 times as many fillers as no prompt, and neither echoes content words into a
# filler-only answer (a prompt with a sentence in it did). But a prompt also changes the
# words, and sometimes starts a loop (bench/asr.py --compare: Korean CER rose from 6.1% to
# 8.6%). So the prompt never writes the transcript: a second, prompted decoding of each
# chunk only lends its fillers to the unprompted one (``speech.filler_merge``).
FILLER_PROMPTS: dict[str, str] = {
    "ko": "음... 어, 그러니까, 어, 음.",
    "en": "Um, well, uh, I think, er, that's right.",
}

DEFAULT_TEMPERATURES: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


@dataclass(frozen=True)
class TranscribeOptions:
    language: str | None  # "ko", "en", or None to detect
    beam_size: int = 5
    initial_prompt: str | None = None  # conditions the decoding that writes the transcript
    filler_prompt: str | None = None  # a second decoding with it lends its fillers
    word_timestamps: bool = True
    temperatures: tuple[float, ...] = DEFAULT_TEMPERATURES
    condition_on_previous_text: bool = True
    compression_ratio_threshold: float = 2.4
    log_prob_threshold: float = -1.0
    no_speech_threshold: float = 0.6

    @classmethod
    def for_language(
        cls, language: str, beam_size: int = 5, keep_fillers: bool = True
    ) -> TranscribeOptions:
        """Options for an interview language: 'ko', 'en', or 'auto' (detect)."""
        forced = None if language == "auto" else language
        prompt = FILLER_PROMPTS.get(forced or "") if keep_fillers else None
        return cls(language=forced, beam_size=beam_size, filler_prompt=prompt)

    @classmethod
    def bare_engine(cls, language: str | None, beam_size: int = 5) -> TranscribeOptions:
        """Whisper's own defaults (no prompt, each window conditioned on the previous one,
        no word times): the baseline the pipeline must beat (``bench/asr.py --compare``)."""
        return cls(language=language, beam_size=beam_size, word_timestamps=False)
