"""Published norms the bands come from; each band names its source.

Sources (see ../shared/reference/metrics.md):
- Korean rate: Ahn, Shin & Kwon 2002, Speech Sciences 9(4):93-103 — conversation of adults
  18-30: 252.9 ± 40.9 syllables/min; reading aloud 308.3 ± 22.6. The coaching band 210-300
  with flags below 180 and above 350 is this product's proposal around that norm.
- English rate: Microsoft Speaker Coach targets 100-165 wpm; comprehension drops above
  about 190 wpm.
- Pauses: a silent pause counts from 250 ms (Gao et al. 2025, Language Testing 42(3));
  long pauses are reported from 2 s.
- Fillers: about 1.2 per minute sounds fluent, 4.8 per minute hesitant; under 2% of words
  excellent, 2-5% good, over 5% needs work.
- Answer length: Korean AI interviews allow 50-90 s per answer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RateBand:
    too_slow_below: float
    good_low: float
    good_high: float
    too_fast_above: float
    source: str


RATE_BANDS: dict[str, RateBand] = {
    "ko": RateBand(
        too_slow_below=180,
        good_low=210,
        good_high=300,
        too_fast_above=350,
        source=(
            "Ahn, Shin & Kwon 2002 (Speech Sciences 9(4)): adult conversation "
            "252.9 ± 40.9 syllables/min"
        ),
    ),
    "en": RateBand(
        too_slow_below=90,
        good_low=100,
        good_high=165,
        too_fast_above=190,
        source="Microsoft Speaker Coach: 100-165 wpm; comprehension drops above about 190 wpm",
    ),
}

MIN_PAUSE_SECONDS = 0.25
LONG_PAUSE_SECONDS = 2.0
PAUSE_SOURCE = "silent pauses from 250 ms (Gao et al. 2025, Language Testing 42(3))"

FLUENT_FILLERS_PER_MINUTE = 1.2
HESITANT_FILLERS_PER_MINUTE = 4.8
FILLER_SOURCE = "about 1.2 fillers/min sounds fluent, 4.8/min hesitant (metrics.md)"

DEFAULT_ANSWER_WINDOW = (50.0, 90.0)
ANSWER_WINDOW_SOURCE = "Korean AI interviews allow 50-90 s per answer"
