"""Judgment parsing stages: caption, sentences, outcome, victims. Pure functions of page text."""
