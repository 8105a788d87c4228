"""Builders: the Lambda artifact and the ASK CLI skill package (stdlib only, no venv)."""
