"""The web interface: server-rendered pages (Jinja2) with htmx for live search, in French, Dutch
and English. An adapter like the CLI: it calls use cases and renders their answers."""
