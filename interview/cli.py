"""The ``interview`` command: transcribe, manage models, serve the web app."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from interview import __version__
from interview.errors import InterviewError

EXIT_BAD_INPUT = 2
AUDIENCE_CHOICES = ("general", "vocational_high_school", "veteran", "career_changer")


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


def _questions(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from interview.questions.bank import JOB_FAMILIES, bank_stats, load_bank
    from interview.questions.practice import compose_practice_set
    from interview.settings import get_settings

    if args.stats:
        for language in ("ko", "en") if args.lang is None else (args.lang,):
            stats = bank_stats(language)
            if args.json:
                print(json.dumps(asdict(stats), ensure_ascii=False))
                continue
            print(f"[{language}] {stats.total} questions")
            print("  by category:   " + ", ".join(f"{k} {v}" for k, v in stats.by_category.items()))
            print("  by job family (own + general): " + ", ".join(
                f"{k} {stats.job_specific[k]}+{v - stats.job_specific[k]}"
                for k, v in stats.by_job_family.items()
            ))  # fmt: skip
        return 0
    sources = [x for x in (args.job, args.posting, args.resume) if x is not None]
    if len(sources) != 1:
        _fail("give one of --job FAMILY, --posting FILE, --resume FILE (or --stats)")
        return EXIT_BAD_INPUT
    language = args.lang or "ko"
    if args.job is not None and args.job not in JOB_FAMILIES:
        _fail(f"unknown job family {args.job!r}; choose one of: {', '.join(JOB_FAMILIES)}")
        return EXIT_BAD_INPUT
    if args.job is not None:
        chosen = compose_practice_set(language, args.job, args.audience, args.n, args.seed)
        rows = [
            {"id": q.id, "text": q.text, "category": q.category, "prep_seconds": q.prep_seconds,
             "answer_seconds": list(q.answer_seconds), "key_points": list(q.key_points)}
            for q in chosen
        ]  # fmt: skip
    else:
        from interview.embeddings import load_embedder
        from interview.questions.practice import practice_set_from_text
        from interview.questions.suggest import questions_from_text

        path = Path(args.posting or args.resume)
        try:
            text = path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as error:
            _fail(f"{path}: cannot read it as UTF-8 text ({error.__class__.__name__})")
            return EXIT_BAD_INPUT
        if not text:
            _fail(f"{path}: the file is empty")
            return EXIT_BAD_INPUT
        settings = get_settings()
        kind = "posting" if args.posting else "resume"
        embedder, bank = load_embedder(settings), load_bank(language)
        generated = practice_set_from_text(
            text,
            language,
            kind,
            args.n,
            ask=lambda n: questions_from_text(settings, text, language, kind, n, embedder, bank),
        )  # fmt: skip  (the set the browser gets: in an interview's order, among bank questions)
        if not generated:
            _fail(f"{path}: found no duties, competencies or claims to ask about")
            return EXIT_BAD_INPUT
        rows = [
            {"text": q.text, "category": q.category, "from": q.kind, "cites": q.source.phrase,
             "key_points": list(q.key_points)}
            for q in generated
        ]  # fmt: skip
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for number, row in enumerate(rows, start=1):
            cites = f"   ← {row['cites']}" if row.get("cites") else ""
            print(f"{number}. [{row['category']}] {row['text']}{cites}")
    return 0


def _followup(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from interview.questions.suggest import follow_up_for
    from interview.settings import get_settings

    if not args.answer_text.strip():
        _fail("--answer-text is empty")
        return EXIT_BAD_INPUT
    result = follow_up_for(
        get_settings(), args.question, args.answer_text, args.lang, args.category
    )
    if args.json:
        print(json.dumps(asdict(result), ensure_ascii=False))
    else:
        asked = {"ko": "질문", "en": "Question"}[args.lang]
        follow = {"ko": "꼬리질문", "en": "Follow-up"}[args.lang]
        print(f"{asked}: {result.question}")
        print(f"{follow}: {result.text}")
        print(f"  ({result.reason})")
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
    if args.processes < 1 or (args.processes > 1 and args.workers != 0):
        _fail("--processes N runs the web alone in N processes: add --workers 0 "
              "(and run `interview worker`)")  # fmt: skip
        return EXIT_BAD_INPUT
    return serve(settings, host, port, args.workers, args.processes, args.shared_port)


def _worker(args: argparse.Namespace) -> int:
    from interview.settings import get_settings
    from interview.worker.run import worker_main

    if args.processes < 1 or (args.threads is not None and not 1 <= args.threads <= 16):
        raise InterviewError("--processes must be 1 or more, --threads from 1 to 16")
    return worker_main(get_settings(), args.processes, args.threads)


def _read_password(args: argparse.Namespace) -> str:
    """The new password: the first line of stdin with --password-stdin, else typed twice."""
    if args.password_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        password = password[:-1] if password.endswith("\r") else password
        if not password:
            raise InterviewError("--password-stdin: no password on the first line of stdin")
        return password
    from getpass import getpass

    password = getpass("New password: ")
    if getpass("The same password again: ") != password:
        raise InterviewError("the two passwords differ; nothing was changed")
    return password


def _logins(count: int) -> str:
    return f"{count} login" if count == 1 else f"{count} logins"


def _users(args: argparse.Namespace) -> int:
    from datetime import UTC

    from interview.accounts import users
    from interview.db.engine import make_engine, session_maker, upgrade_database
    from interview.settings import get_settings

    settings = get_settings()
    engine = make_engine(settings)
    try:
        upgrade_database(engine)
        with session_maker(engine)() as db:
            if args.action == "add":
                users.check_new_account(db, args.email, args.role, args.name)  # before asking
                user = users.create_user(
                    db, args.email, args.role, _read_password(args), args.name,
                    min_password_length=settings.min_password_length,
                )  # fmt: skip
                print(f"added {user.role} {user.email} ({user.display_name})")
            elif args.action == "list":
                rows = users.list_users(db)
                width = max([len("email"), *(len(u.email) for u in rows)])
                print(f"{'email':<{width}}  {'role':<10}  {'disabled':<8}  created (UTC)")
                for u in rows:
                    made = u.created_at  # SQLite gives it back without its zone (UTC)
                    created = (made if made.tzinfo else made.replace(tzinfo=UTC)).astimezone(UTC)
                    created_text = created.strftime("%Y-%m-%d %H:%M")
                    state = "yes" if u.disabled else "no"
                    print(f"{u.email:<{width}}  {u.role:<10}  {state:<8}  {created_text}")
            elif args.action == "disable":
                ended = users.disable_user(db, args.email)
                print(f"disabled {users.normalise_email(args.email)} ({_logins(ended)} ended)")
            elif args.action == "enable":
                user = users.enable_user(db, args.email)
                print(f"enabled {user.email}")
            else:  # reset-password
                user = users.get_by_email(db, args.email)
                ended = users.reset_password(
                    db, user.email, _read_password(args),
                    min_password_length=settings.min_password_length,
                )  # fmt: skip
                print(f"new password set for {user.email} ({_logins(ended)} ended)")
    finally:
        engine.dispose()
    return 0


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

    questions = commands.add_parser("questions", help="practice questions for a job or a text")
    questions.add_argument("--job", help="job family, e.g. hospitality, public, manufacturing")
    questions.add_argument("--posting", metavar="FILE", help="a job posting (UTF-8 text)")
    questions.add_argument("--resume", metavar="FILE", help="a self-introduction letter or CV")
    questions.add_argument("--lang", choices=["ko", "en"])
    questions.add_argument("--audience", choices=list(AUDIENCE_CHOICES))
    questions.add_argument("--n", type=int, default=6, help="how many questions (default 6)")
    questions.add_argument("--seed", type=int, default=0, help="the same seed, the same set")
    questions.add_argument("--stats", action="store_true", help="count the bank's questions")
    questions.add_argument("--json", action="store_true")
    questions.set_defaults(handler=_questions)

    followup = commands.add_parser("followup", help="the follow-up question to an answer")
    followup.add_argument("--question", required=True)
    followup.add_argument("--answer-text", required=True)
    followup.add_argument("--lang", choices=["ko", "en"], default="ko")
    followup.add_argument("--category", help="the question's category, e.g. behavioural")
    followup.add_argument("--json", action="store_true")
    followup.set_defaults(handler=_followup)

    models = commands.add_parser("models", help="provision and verify model weights")
    models.add_argument("action", choices=["install", "verify"])
    models.add_argument("--force", action="store_true", help="rebuild even if intact")
    models.set_defaults(handler=_models)

    serve = commands.add_parser("serve", help="run the web app with its worker")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument(
        "--workers", type=int, metavar="N",
        help="answers processed at once in this process (default: INTERVIEW_WORKER_THREADS); "
        "0: the web alone, for `interview worker` processes",
    )  # fmt: skip
    serve.add_argument(
        "--processes", type=int, default=1, metavar="N",
        help="web processes sharing the port (default 1; more only with --workers 0)",
    )  # fmt: skip
    serve.add_argument("--shared-port", action="store_true", help=argparse.SUPPRESS)
    serve.set_defaults(handler=_serve)

    worker = commands.add_parser(
        "worker", help="process answers from the queue, apart from the web (scaling out)"
    )
    worker.add_argument(
        "--processes",
        type=int,
        default=1,
        metavar="N",
        help="worker processes, each with its own models (default 1)",
    )
    worker.add_argument("--threads", type=int, metavar="T",
                        help="answers each process runs at once (default: "
                        "INTERVIEW_WORKER_THREADS)")  # fmt: skip
    worker.set_defaults(handler=_worker)

    accounts = commands.add_parser("users", help="staff accounts (counsellors and admins)")
    actions = accounts.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add an account (the password is asked twice)")
    add.add_argument("email", metavar="EMAIL")
    add.add_argument("--role", choices=["admin", "counsellor"], required=True)
    add.add_argument("--name", help="the name shown to others (default: the address's name)")
    add.add_argument("--password-stdin", action="store_true", help="read it from stdin's line")
    actions.add_parser("list", help="every account: email, role, disabled, created")
    for action, what in (("disable", "the account can no longer log in; its logins end"),
                         ("enable", "the account can log in again")):  # fmt: skip
        actions.add_parser(action, help=what).add_argument("email", metavar="EMAIL")
    reset = actions.add_parser("reset-password", help="a new password; every login ends")
    reset.add_argument("email", metavar="EMAIL")
    reset.add_argument("--password-stdin", action="store_true", help="read it from stdin's line")
    accounts.set_defaults(handler=_users)
    trail = commands.add_parser("audit", help="the audit trail: who did what, newest first")
    trail.add_argument("--since", help="from this date or time (YYYY-MM-DD, ISO 8601; local)")
    trail.add_argument("--action", help="only this action, e.g. played, viewed, overrode")
    trail.add_argument("--limit", type=int, default=200, help="at most this many (max 1000)")
    trail.add_argument("--json", action="store_true", help="a JSON list of the events")
    trail.set_defaults(handler=_audit)
    purge = commands.add_parser(
        "purge", help="delete the data of camps past their retention (recordings, reports…)"
    )
    purge.add_argument("--dry-run", action="store_true", help="only list what is due")
    purge.add_argument("--as-of", help="as if today were this date (YYYY-MM-DD)")
    purge.set_defaults(handler=_purge)
    return parser


def _purge(args: argparse.Namespace) -> int:
    from datetime import date

    from interview.camps.purge import purge_due
    from interview.db.engine import make_engine, session_maker, upgrade_database
    from interview.settings import get_settings
    from interview.worker.queue import AnswerQueue

    try:
        today = date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        raise InterviewError(f"--as-of: not a date (YYYY-MM-DD): {args.as_of[:40]!r}") from None
    settings = get_settings()
    engine = make_engine(settings)
    try:
        upgrade_database(engine)
        sessions = session_maker(engine)
        queue = AnswerQueue(settings, sessions)
        due = purge_due(sessions, queue.media_dir, queue.forget, today, args.dry_run)
    finally:
        engine.dispose()
    verb = "due" if args.dry_run else "deleted"
    for camp in due:
        print(
            f"{camp.purge_on.isoformat()}  {camp.name}  ({camp.camp_id[:8]}): {camp.students} "
            f"student(s), {camp.answers} answer(s), {camp.files} recording(s) {verb}"
        )
    if not due:
        print("no camp is past its retention date")
    return 0


def _since(text: str) -> datetime:
    """A date (midnight, local time) or an ISO 8601 time (local time without a zone)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InterviewError(
            f"--since: not a date or time (YYYY-MM-DD or ISO 8601): {text[:40]!r}"
        ) from None
    return moment if moment.tzinfo is not None else moment.astimezone()


def _event(row: Any, names: dict[str, str]) -> dict[str, Any]:
    from interview.review.audit import as_utc

    return {
        "id": row.id, "at": as_utc(row.at).astimezone().isoformat(timespec="seconds"),
        "actor_kind": row.actor_kind, "actor_id": row.actor_id,
        "actor_name": names.get(row.actor_id) if row.actor_kind == "user" else None,
        "action": row.action, "object_kind": row.object_kind, "object_id": row.object_id,
    }  # fmt: skip


def _audit(args: argparse.Namespace) -> int:
    from interview.db.engine import make_engine, session_maker, upgrade_database
    from interview.review import audit
    from interview.review.review import names_of
    from interview.settings import get_settings

    since = _since(args.since) if args.since else None
    if args.action and args.action not in audit.ACTIONS:
        raise InterviewError(f"--action: one of {', '.join(audit.ACTIONS)}")
    engine = make_engine(get_settings())
    try:
        upgrade_database(engine)
        with session_maker(engine)() as db:
            rows = audit.events(db, since, args.action, args.limit)
            names = names_of(db, [r.actor_id for r in rows if r.actor_kind == "user"])
    finally:
        engine.dispose()
    events = [_event(row, names) for row in rows]
    if args.json:
        print(json.dumps(events, ensure_ascii=False, indent=2))
        return 0
    for event in events:
        actor = f"{event['actor_kind']} {event['actor_id'][:16]}"
        if event["actor_name"]:
            actor += f" ({event['actor_name']})"
        print(
            f"{event['at']}  {event['action']:<15}  {event['object_kind']} "
            f"{event['object_id']}  by {actor}"
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.handler(args)
    except InterviewError as error:
        _fail(str(error))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return code
