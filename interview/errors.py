"""Errors a user can act on; the CLI prints them as one line and exits with code 2."""

from __future__ import annotations


class InterviewError(Exception):
    """Base class of every error whose message is meant for the user."""


class AudioInputError(InterviewError):
    """The recording cannot be used: empty, undecodable, no audio stream, too long."""


class ModelNotReadyError(InterviewError):
    """A model is missing from models/ or does not match its manifest."""
