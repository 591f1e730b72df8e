"""kzvalidate: data validation and schema contracts for raw news dumps from Kazakh news agencies."""

__version__ = "0.1.0"
