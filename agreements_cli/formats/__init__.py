"""Files of data: the data file (read, planned, exported), the data bundled with the
package, files the commands write, and the metadata Datasette publishes with."""
