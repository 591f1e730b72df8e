"""Where the bytes come from: which files a run reads (discovery) and reading them as lines."""
