-- An invitation's address is kept, under the invitation's own key, for identity.privacy.invitation-retention after
-- the invitation ended (answered, revoked or expired); then its key is shredded. When each ended, and whether its
-- key is gone already. Invitations that ended before this was recorded count from now.
ALTER TABLE invitation_links ADD COLUMN ended_at TIMESTAMPTZ;
ALTER TABLE invitation_links ADD COLUMN shredded BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE invitation_links SET ended_at = now() WHERE ended;
CREATE INDEX invitation_links_to_shred ON invitation_links (ended_at) WHERE ended AND NOT shredded;
