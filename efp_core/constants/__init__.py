"""Reference data: countries and their electricity."""
