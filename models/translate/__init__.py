"""Subtitle translation backends: `base.translator(source, target)`; apertium serves English<->Spanish."""
