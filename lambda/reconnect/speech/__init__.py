"""The words: content loading and its key schemas, phrasing choice, SSML, replies per feature."""
