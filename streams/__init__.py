"""newsalert: streaming news alerts from events extracted with spaCy."""
