"""Rules on the quality of the text writers wrote (KZ3xx)."""
