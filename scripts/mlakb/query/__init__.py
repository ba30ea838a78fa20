"""Questions answered from the built database: who receives a request, on what legal basis."""
