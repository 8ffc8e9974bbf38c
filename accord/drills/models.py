"""Drills: the real crisis procedure rehearsed in a drill's scope (accord.core.drill), on a timetable of
injects, and the targets its figures are measured against."""

from __future__ import annotations

from django.db import models

from accord.core.translations import TextsField


class Drill(models.Model):
    """A timed drill of the crisis procedure, directed by the secretariat.

    Its crisis, sessions, proposals and decisions carry its number (`drill`) and are read in its scope only.
    `illustrative` marks a drill entered as an illustration (the demo's tabletop drill), said on every page.
    """

    name = TextsField()
    kind = models.CharField(max_length=20, default="tabletop")
    scenario = TextsField()
    starts_at = models.DateTimeField()
    illustrative = models.BooleanField(default=False)
    directed_by = models.CharField(max_length=64, blank=True)
    ended_at = models.DateTimeField(null=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["-starts_at", "-entry_seq"]


class Inject(models.Model):
    """One event of the drill's timetable (the request arrives, a contingent is delayed), fired as an act."""

    drill = models.ForeignKey(Drill, on_delete=models.PROTECT, related_name="injects")
    at = models.DateTimeField()  # when it is to fire
    kind = models.CharField(max_length=40)
    member = models.CharField(max_length=3, blank=True)  # the member state it is addressed to, if one
    text = TextsField()
    fired_at = models.DateTimeField(null=True)
    fired_by = models.CharField(max_length=64, blank=True)
    entry_seq = models.BigIntegerField()

    class Meta:
        ordering = ["at", "entry_seq"]


class Target(models.Model):
    """A response time the organization sets for itself (request → decision, ...), in hours."""

    figure = models.CharField(max_length=40, unique=True)
    hours = models.PositiveIntegerField()
    set_at = models.DateTimeField()
    entry_seq = models.BigIntegerField()
