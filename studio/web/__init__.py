"""The FastAPI app: media and share routes, webhooks, OAuth callbacks, the public API and the Gradio mount."""
