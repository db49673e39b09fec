"""The site layer: what pages show (views, page table, templates' filters), search files and
downloads. Imports the data layer only."""
