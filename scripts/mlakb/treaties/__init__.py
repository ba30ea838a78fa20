"""Treaty texts: parsing, the collection in kb/treaties/, the search index."""
