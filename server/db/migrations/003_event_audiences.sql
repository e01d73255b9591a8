-- Events about a customer concern all of their conversations: the (group, assignee) of each, as they were.
ALTER TABLE events ADD COLUMN audiences jsonb;
