"""Model backends for every role of the studio (script analysis, voice, music, pictures, lip-sync, ASR).

This package imports neither Dagster nor Gradio. Heavy imports stay inside backend modules.
"""
