import subprocess
import sys

from accord.cli import build_parser, main


def test_help_lists_every_command_module(capsys):
    parser = build_parser()
    help_text = parser.format_help()
    import accord.cli as cli

    for module in cli._command_modules():
        assert module.NAME in help_text


def test_no_command_is_an_error_exit():
    assert main([]) == 2


def test_module_entry_point_runs_without_traceback():
    result = subprocess.run([sys.executable, "-m", "accord", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("accord ")
