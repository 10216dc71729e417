"""Helpers that several rules share: field values, placeholders, credentials."""
