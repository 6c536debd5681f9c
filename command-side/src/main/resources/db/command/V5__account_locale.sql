-- The language the user chose (settings), for the mails we send them.
ALTER TABLE accounts ADD COLUMN locale VARCHAR(35);
