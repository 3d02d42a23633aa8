"""Pure parsers of legal text shared by every layer: citations, statute references."""
