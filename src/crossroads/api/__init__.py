"""The HTTP API and web interface (``crossroads serve``): thin adapters over the use cases."""
