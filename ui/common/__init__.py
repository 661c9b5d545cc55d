"""What every window uses: the error handler, workers, the look, settings, focus, laptop names."""
