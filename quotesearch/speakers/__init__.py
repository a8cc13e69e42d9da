"""Identity across articles: one speaker per person, however the papers spelled the name."""
