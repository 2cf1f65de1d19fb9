"""Publishing: the page to link to (`progress --html`), the data package (`export
--datapackage`) and the read-only Datasette site (`serve`), each showing the tables and
totals the library derives (see ``tables``), never adding the money up again."""
