"""The projector: what the room sees (the view itself, ``ui.projector.view``, is loaded when the
projector is first opened)."""

# what the projector shows: every section, or the one the facilitator is in; else a section's id
ALL = "*"
FOLLOW = "."
