"""The SQLite database: the only package that holds SQL. ``database.Store`` is the open
database, composed of parts (``connection``, ``parties``, ``items``, ``log``,
``settings``); ``files`` is the file itself (its path, its checks, and the quiet read that
shell completion takes); ``migrations`` are the schema's numbered steps."""
