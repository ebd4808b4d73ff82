"""Page objects: one per console route. Specs call intentions (`alerts.acknowledge("Porch")`);
the selectors (roles, labels, test ids) live here and nowhere else."""
