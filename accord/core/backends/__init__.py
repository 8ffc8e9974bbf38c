"""Accord's database backends: Django's own, with what a served process needs besides."""
