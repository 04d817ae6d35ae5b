"""bti-docs: documents for the BTI model (Bedre tverrfaglig innsats) and its stafettlogg."""

__version__ = "0.1.0"
