"""From a profile to a plan: periodize -> compose -> schedule -> prescribe. Pure code."""
