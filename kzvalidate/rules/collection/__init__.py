"""Rules on the collection: the articles of a file and of a run compared with each other
(KZ5xx). What they compare is defined once, in :mod:`kzvalidate.contract.collection`, and the
pandera model of the collection (:mod:`kzvalidate.contract.table`) checks the same on a table."""
