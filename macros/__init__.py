"""The site's Python: data model, importer, page generation. `define_env` is the
mkdocs-macros entry point (see macros/site_macros.py)."""
