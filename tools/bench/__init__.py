"""The benchmark: the source tree, the artifact as Lambda runs it, the web service."""
