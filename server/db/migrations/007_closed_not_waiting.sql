-- A closed conversation waits for no one: conversations closed before closing ended their waiting time stop waiting.
UPDATE conversations SET waiting_since = NULL WHERE status = 'closed' AND waiting_since IS NOT NULL;
