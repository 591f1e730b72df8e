"""Rules on the dump grammar: headers, titles, credits, footers (KZ1xx)."""
