"""The pure rules: record, program, together time, check-in, self-check, progress. Stdlib only."""
