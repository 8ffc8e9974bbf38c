from django.apps import AppConfig


class DrillsConfig(AppConfig):
    name = "accord.drills"
    label = "drills"
    verbose_name = "Accord drills"
