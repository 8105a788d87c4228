"""The console's understanding of typed lines, and the generalisation check."""
