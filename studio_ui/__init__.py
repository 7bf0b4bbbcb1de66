"""The creators' Gradio studio: one module per page, composed in app.py."""
