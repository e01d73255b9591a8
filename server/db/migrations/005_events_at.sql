-- Retention deletes events by age once an hour: an index on the time keeps that from reading the whole table.
CREATE INDEX events_at ON events (at);
