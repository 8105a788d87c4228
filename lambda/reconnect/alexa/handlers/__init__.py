"""ASK handlers, grouped by area; each translates between Alexa and the domain."""
