"""Running the one pipeline at scale: several local processes (`local`) or Ray (`ray_engine`).

Both keep one loaded spaCy pipeline per worker and hand finished records to
`newsreel.ingest.store_extracted`, so every engine stores through the same path."""
