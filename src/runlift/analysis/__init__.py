"""Athlete-level analysis over what was planned and what was done. Pure code."""
