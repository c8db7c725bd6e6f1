"""The footprint model's classes: hardware, usage, services, countries and the System."""
