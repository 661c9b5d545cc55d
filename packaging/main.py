"""The frozen app's entry point: what the installed ``facilitator`` command runs."""

from ui.shell.launcher import main

main()
