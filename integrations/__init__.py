"""Thin wrappers around external programs and services (ffmpeg, fluidsynth, storage)."""
