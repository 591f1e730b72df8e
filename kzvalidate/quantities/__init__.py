"""Figures in news text: numbers as written, units (pint's factors, compiled to a table), and the
comparisons between figures that the figure rules check."""
