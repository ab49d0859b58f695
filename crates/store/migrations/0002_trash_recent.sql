-- Waymark library, schema 2.
-- A deleted map first goes to the trash (deleted_at set) so the delete can be
-- undone, even after the app was closed; it is purged later. opened_at is
-- when the map was last opened, for the library's "recent" list.
ALTER TABLE maps ADD COLUMN deleted_at TEXT;
ALTER TABLE maps ADD COLUMN opened_at TEXT;
