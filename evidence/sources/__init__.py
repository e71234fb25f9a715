"""Where articles come from: PubMed XML, MEDLINE and text files, Entrez, the embedded corpus."""
