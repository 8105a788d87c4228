"""The Alexa adapter: the turn, conversation state, interceptors, Alexa API clients, handlers."""
