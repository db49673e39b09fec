"""The editors' tools: the importer and its draft builder, the change report, the JSON Schema,
the guide's live examples."""
