-- Schema version 8: an import numbers its orders' row_version itself.
--
-- Every insert used to run orders_row_version_insert, which reads the highest
-- row_version and then rewrites the row it has just written: a second write
-- of the row and of two of its indexes, about a sixth of a large import's
-- time. An OrderBatch (the import) now gives its new orders one version of
-- its own, one above the highest when it starts (all rows of one transaction
-- may share it: the change feed asks for "row_version > last seen"), and the
-- trigger runs only for an insert that leaves row_version at its default 0.
DROP TRIGGER orders_row_version_insert;
CREATE TRIGGER orders_row_version_insert AFTER INSERT ON orders
WHEN NEW.row_version = 0
BEGIN
    UPDATE orders SET row_version = (SELECT coalesce(max(row_version), 0) + 1 FROM orders)
    WHERE id = NEW.id;
END;
