"""One module per CLI command; see :mod:`accord.cli`."""
