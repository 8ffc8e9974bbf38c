"""Accord's one date format and one time format per interface language (settings.FORMAT_MODULE_PATH).

A day reads "4 December 2026"; an instant adds the 24-hour time and its zone (accord/core/dates.py).
The browser writes the same with Intl.DateTimeFormat (web/accord.js): keep the two alike.
"""
