"""Speech in: decode recordings, find voice activity, transcribe with Whisper."""
