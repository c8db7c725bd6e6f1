"""Edge modeling: devices deployed over time, their components, the recurrent needs that load them."""
