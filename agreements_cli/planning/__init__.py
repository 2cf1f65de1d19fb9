"""Planning an import: what a data file, or a sheet of pledges, would change in the
database, decided from what it holds; the store applies the plan in one transaction."""
