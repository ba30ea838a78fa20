"""The Datasette side: metadata with canned queries, and a plugin with mlakb's own routes."""
