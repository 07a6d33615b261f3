"""Errors a user can act on; the CLI prints them as one line and exits with code 2."""

from __future__ import annotations

from typing import Literal

# What is wrong with a recording, for code that words it itself (the worker, in the user's
# language); the message stays the CLI's one line in English.
AudioProblem = Literal[
    "missing",  # no such file
    "empty",  # 0 bytes
    "undecodable",  # not a container or codec FFmpeg can read
    "no_audio",  # a container without an audio stream
    "too_long",  # over the length limit
    "truncated",  # cut short or damaged
    "no_samples",  # an audio stream that decodes to nothing
]


class InterviewError(Exception):
    """Base class of every error whose message is meant for the user."""


class AudioInputError(InterviewError):
    """The recording cannot be used: empty, undecodable, no audio stream, too long."""

    def __init__(self, message: str, kind: AudioProblem = "undecodable") -> None:
        super().__init__(message)
        self.kind: AudioProblem = kind


class ModelNotReadyError(InterviewError):
    """A model is missing from models/ or does not match its manifest."""


class ServiceSetupError(InterviewError):
    """A setting names a service that cannot be used (a wrong URL, a database not reached)."""
