"""The shell: start-up, the start screen, the main window and its menus, rescue, help, network."""
