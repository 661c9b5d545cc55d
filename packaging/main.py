"""The frozen app's entry point: what the installed ``facilitator`` command runs."""

from ui.launcher import main

main()
