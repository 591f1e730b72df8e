"""Rules on bytes, characters and spacing (KZ0xx)."""
