-- Token expiry: use renews a token up to an idle limit, created_at bounds its whole life.
-- Tokens issued before this existed start a fresh idle window now. `expires = false` is kept for the
-- fixture's fixed test credentials, which tests use across clock jumps of days.

ALTER TABLE tokens ADD COLUMN last_used_at timestamptz;

UPDATE tokens SET last_used_at = now();

ALTER TABLE tokens ALTER COLUMN last_used_at SET NOT NULL;

ALTER TABLE tokens ADD COLUMN expires boolean NOT NULL DEFAULT true;
