-- Creation order of conversations, independent of the clock (several can start in the same millisecond).
ALTER TABLE conversations ADD COLUMN seq bigserial;
CREATE INDEX conversations_customer_seq ON conversations (customer_id, channel, seq);
