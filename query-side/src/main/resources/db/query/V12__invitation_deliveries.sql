-- group "invitations": the latest word of the mail outbox on each invitation's mail, apart from the invitation.
-- A MailDelivery has no aggregate, so it is processed in a segment of its own and may come before the
-- MemberInvited it is about, or after a resend it predates; kept here by invitation id, the newest (by its time,
-- then its attempts) wins, whatever the order. A resend writes a QUEUED row at its own time: its mail starts over.
CREATE TABLE invitation_deliveries (
    invitation_id UUID        PRIMARY KEY,
    status        VARCHAR(16) NOT NULL,
    attempts      INTEGER     NOT NULL,
    at            TIMESTAMPTZ NOT NULL
);

-- invitations.delivery_status and delivery_attempts are no longer written: they hold the delivery as recorded
-- before this table existed, which the views show until a row here replaces it (a rebuild leaves them QUEUED, 0).
