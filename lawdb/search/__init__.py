"""Full-text legal search (Whoosh by default), behind a backend interface."""
