"""Read-side queries over the store: lookup, dossiers, people, quotes, documents."""
