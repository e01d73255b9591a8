-- Who saved a customer's current version, so the agents who see the change can be told who made it.
-- Null: the bot collected it, or nobody has edited the customer.
ALTER TABLE customers ADD COLUMN updated_by text;
