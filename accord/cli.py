"""The `accord` command: Django's management commands with Accord's settings preset."""

import os
import sys

# The arguments that ask only for the list of commands (`accord`, `accord --help`, `accord help`).
_LIST_OF_COMMANDS: tuple[list[str], ...] = ([], ["-h"], ["--help"], ["help"])


def _commands_of_installed_apps() -> dict[str, str] | None:
    """Each command's name and its app, as Django's `get_commands` finds them, read from the apps' folders
    without setting Django up (which imports every app's models: seconds, where the list takes a few
    hundredths); None if an installed app is not a plain package (an AppConfig's path), which only
    setting Django up resolves."""
    from importlib.util import find_spec

    from django.conf import settings
    from django.core import management

    commands = {name: "django.core" for name in management.find_commands(management.__path__[0])}
    for app in reversed(settings.INSTALLED_APPS):
        spec = find_spec(app)
        if spec is None or not spec.submodule_search_locations:
            return None
        path = os.path.join(next(iter(spec.submodule_search_locations)), "management")
        commands.update({name: app for name in management.find_commands(path)})
    return commands


def _list_of_commands() -> str | None:
    """Django's main help text (`accord --help`), with the commands found without setting Django up."""
    from django.core import management

    commands = _commands_of_installed_apps()
    if commands is None:
        return None
    utility = management.ManagementUtility(["accord"])
    found = management.get_commands
    management.get_commands = lambda: commands  # what main_help_text reads; put back below
    try:
        return utility.main_help_text()
    finally:
        management.get_commands = found


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    if sys.argv[1:] in _LIST_OF_COMMANDS and (text := _list_of_commands()) is not None:
        sys.stdout.write(text + "\n")
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(["accord", *sys.argv[1:]])


if __name__ == "__main__":
    main()
