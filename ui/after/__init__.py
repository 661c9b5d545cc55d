"""After the event: merge, conflicts, the note-takers' view, the synthesis, exports."""
