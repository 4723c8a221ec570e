"""JSON routes of this area under /api/v1."""
