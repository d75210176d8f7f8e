"""Members' duties (执委履职): households linked to committee members, contacts, needs and projects."""
