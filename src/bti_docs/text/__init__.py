"""Texts a reader sees and how values are written in them (dates, id numbers, paragraphs)."""
