"""The ``interview`` command: transcribe, manage models, serve the web app."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from interview import __version__
from interview.errors import InterviewError

EXIT_BAD_INPUT = 2


def _fail(message: str) -> None:
    print(f"interview: error: {message}", file=sys.stderr)


def _transcribe(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from interview.errors import AudioInputError
    from interview.settings import get_settings
    from interview.speech.audio import load_audio
    from interview.speech.engine import Transcriber
    from interview.speech.options import TranscribeOptions
    from interview.speech.transcribe import load_transcriber, transcribe

    settings = get_settings()
    options = TranscribeOptions.for_language(
        args.lang, beam_size=settings.beam_size, keep_fillers=settings.keep_fillers
    )
    transcriber: Transcriber | None = None
    failures = 0
    several = len(args.files) > 1
    bar = tqdm(total=len(args.files), unit="file", disable=None, file=sys.stderr, leave=False)
    for index, name in enumerate(args.files):

        def advance(fraction: float, done: int = index) -> None:
            bar.n = round(done + fraction, 3)
            bar.refresh()

        try:
            audio = load_audio(name, max_seconds=settings.max_audio_seconds)
            if transcriber is None:
                bar.set_description("loading model")
                transcriber = load_transcriber(settings, args.engine)
            bar.set_description(Path(name).name)
            result = transcribe(transcriber, audio, options, file=str(name), on_progress=advance)
        except AudioInputError as error:
            bar.clear()
            _fail(str(error))
            failures += 1
            advance(1.0)
            continue
        bar.clear()
        if args.json:
            print(json.dumps(result.to_dict(), ensure_ascii=False), flush=True)
        else:
            if several:
                print(f"== {name}")
            print(result.text if not result.no_speech else "(no speech)", flush=True)
    bar.close()
    return EXIT_BAD_INPUT if failures else 0


def _analyze(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from interview.analyze import analyse_recording, analyse_typed, load_analyzer
    from interview.questions.question import Question
    from interview.report.markdown import render_markdown
    from interview.settings import get_settings
    from interview.speech.audio import load_audio
    from interview.speech.options import TranscribeOptions

    if (args.file is None) == (args.text is None):
        _fail("give either a recording FILE or --text ANSWER (not both)")
        return EXIT_BAD_INPUT
    if args.text is not None and not args.text.strip():
        _fail("--text is empty")
        return EXIT_BAD_INPUT
    settings = get_settings()
    question = Question(
        text=args.question,
        language=args.lang,
        category=args.category,
        key_points=tuple(args.key_point or ()),
    )
    audio = load_audio(args.file, settings.max_audio_seconds) if args.file else None
    with tqdm(total=100, unit="%", disable=None, file=sys.stderr, leave=False) as bar:
        bar.set_description("loading models")
        analyzer = load_analyzer(settings, with_transcriber=audio is not None, engine=args.engine)

        def advance(fraction: float) -> None:
            bar.n = round(90 * fraction)
            bar.refresh()

        if audio is not None:
            bar.set_description("transcribing")
            options = TranscribeOptions.for_language(
                args.lang, beam_size=settings.beam_size, keep_fillers=settings.keep_fillers
            )
            report = analyse_recording(analyzer, audio, question, options, args.file, advance)
        else:
            report = analyse_typed(analyzer, args.text, question)
        bar.n = 100
    document = report.to_dict()
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(render_markdown(document))
    return 0


def _models(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from interview.settings import get_settings
    from interview.weights.catalog import CATALOG
    from interview.weights.install import install_all, verify_all

    models_dir = get_settings().models_dir
    if args.action == "install":
        with tqdm(total=len(CATALOG), unit="model", disable=None, file=sys.stderr) as bar:

            def step(model: object) -> None:
                bar.set_description(getattr(model, "name", ""))

            results = []
            for result in install_all(models_dir, force=args.force, on_step=step):
                results.append(result)
            bar.update(len(CATALOG))
        for result in results:
            state = "installed" if result.installed else "already installed, verified"
            print(f"{result.name}: {state}")
        print(f"manifest: {models_dir / 'manifest.json'}")
        return 0
    problems = 0
    for name, problem in verify_all(models_dir):
        if problem:
            problems += 1
            _fail(problem)
        else:
            print(f"{name}: ok")
    return EXIT_BAD_INPUT if problems else 0


def _serve(args: argparse.Namespace) -> int:
    from interview.settings import get_settings
    from interview.web.server import serve

    settings = get_settings()
    host = args.host or settings.host
    port = args.port or settings.port
    return serve(settings, host, port)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interview", description="Offline AI mock-interview practice (Korean and English)."
    )
    parser.add_argument("--version", action="version", version=f"interview {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    transcribe = commands.add_parser("transcribe", help="transcribe recordings")
    transcribe.add_argument("files", nargs="+", metavar="FILE")
    transcribe.add_argument("--lang", choices=["ko", "en", "auto"], default="ko")
    transcribe.add_argument("--engine", choices=["faster-whisper", "openai-whisper"])
    transcribe.add_argument("--json", action="store_true", help="one JSON document per file")
    transcribe.set_defaults(handler=_transcribe)

    analyze = commands.add_parser("analyze", help="analyse one answer and print its report")
    analyze.add_argument("file", nargs="?", metavar="FILE", help="the recorded answer")
    analyze.add_argument("--text", help="a typed answer instead of a recording")
    analyze.add_argument("--question", required=True, help="the question that was answered")
    analyze.add_argument("--lang", choices=["ko", "en"], default="ko")
    analyze.add_argument("--category", help="question category, e.g. behavioural")
    analyze.add_argument(
        "--key-point", action="append", help="a point a good answer covers (repeatable)"
    )
    analyze.add_argument("--engine", choices=["faster-whisper", "openai-whisper"])
    analyze.add_argument("--json", action="store_true", help="the report as JSON")
    analyze.set_defaults(handler=_analyze)

    models = commands.add_parser("models", help="provision and verify model weights")
    models.add_argument("action", choices=["install", "verify"])
    models.add_argument("--force", action="store_true", help="rebuild even if intact")
    models.set_defaults(handler=_models)

    serve = commands.add_parser("serve", help="run the web app with its worker")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.set_defaults(handler=_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.handler(args)
    except InterviewError as error:
        _fail(str(error))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    return code
