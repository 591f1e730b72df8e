"""Text helpers shared by the rules: words and scripts, the English word list, vocabularies."""
