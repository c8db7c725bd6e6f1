"""Edge builders: ready-made devices (computer, appliance) and the processes that run on them."""
