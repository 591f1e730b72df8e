"""The dump format: dialects (what an agency's dump looks like), the parser from lines to articles
with spans, and the one writer from articles back to dump text."""
