"""执委履职: households linked to committee members, contacts, needs, projects."""
