"""The local console: typed lines become real Alexa requests to the skill."""
