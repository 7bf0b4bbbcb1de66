"""Editing: the dialogue track, the final cut and the trailer, assembled with ffmpeg."""
