"""Checking: the engine (rules over one source), the run (the loop over every target, owning the
run-scope collectors) and the fixer (fixes applied as byte edits, written atomically)."""
