"""Live updates over WebSockets (Channels): saves, render progress, comments."""
