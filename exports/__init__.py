"""Document renderers: they read from facilitator/, never from ui/, and never import Qt."""
