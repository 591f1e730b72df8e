"""Rules on figures: units and the consistency of quantities (KZ4xx)."""
