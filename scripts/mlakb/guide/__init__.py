"""The bilingual guide: Markdown pages generated from the records, and the MkDocs hook that adds them to the site."""
