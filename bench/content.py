"""Content evaluation: how the answer is read, on the tuning set and on the held-out set
apart (tests/analysis/data: ``relevance_*.json`` tunes; ``evaluation_*.json`` and the items
it names are held out, written before the detectors changed for issue 8).

For each language and set it prints:

- STAR results recognised in complete answers, and complete STAR structures;
- answers without a result that are flagged "no result";
- generic rubric items (situation, what you did, the result ...) found in complete answers
  (a result given without its number counts as found here),
  judged by the structure detectors;
- overall scores of off-topic answers (small talk, a novel, the news, a recipe ... ), typed
  and read aloud fluently, and how many reach "good";
- contradictions: reports (each answer to its own and to another question, typed and
  spoken) holding a strength and an improvement about the same aspect.

Usage, from the repository root::

    .venv/bin/python bench/content.py [--lang ko|en|both] [--set tuning|held-out|both] [-v]
"""

from __future__ import annotations

import argparse
import sys
import time

from interview.settings import REPOSITORY_ROOT, Settings

sys.path.insert(0, str(REPOSITORY_ROOT))

from tests.analysis.content_eval import (
    CachedEmbedder,
    Figures,
    evaluate,
    make_analyzer,
)


def line(f: Figures) -> str:
    typed = ", ".join(map(str, f.off_topic_typed))
    spoken = ", ".join(map(str, f.off_topic_spoken))
    return (
        f"{f.language}  {f.which:8s}  result {f.results_found}/{f.complete_answers}"
        f"  complete STAR {f.star_complete}/{f.complete_answers}"
        f"  no-result flagged {f.no_result_flagged}/{f.no_result_answers}"
        f"  generic points found {f.generic_points_covered}/{f.generic_points} (numbers aside)\n"
        f"              off-topic overall typed [{typed}] max {max(f.off_topic_typed)}"
        f"; spoken [{spoken}] max {max(f.off_topic_spoken)} (uncapped max "
        f"{max(f.off_topic_uncapped)}); reaching good {f.off_topic_good}\n"
        f"              contradictions {len(f.contradictions)} in {f.reports} reports"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--lang", choices=["ko", "en", "both"], default="both")
    parser.add_argument("--set", choices=["tuning", "held-out", "both"], default="both")
    parser.add_argument("-v", "--verbose", action="store_true", help="list contradictions")
    args = parser.parse_args()
    from interview.embeddings import load_embedder
    from interview.text.morphology import load_korean_tagger

    start = time.perf_counter()
    analyzer = make_analyzer(CachedEmbedder(load_embedder(Settings())), load_korean_tagger())
    languages = ["ko", "en"] if args.lang == "both" else [args.lang]
    sets = ["tuning", "held-out"] if args.set == "both" else [args.set]
    for language in languages:
        for which in sets:
            figures = evaluate(analyzer, language, which)
            print(line(figures), flush=True)
            if args.verbose:
                for problem in figures.contradictions:
                    print(f"                {problem}")
    print(f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
