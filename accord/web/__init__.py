"""HTTP API and dashboard (FastAPI + uvicorn); see :func:`accord.web.app.create_app`."""
