"""The self-hosted web service: the skill behind Flask and gunicorn, every Alexa check on."""
