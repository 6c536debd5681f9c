-- Each company's name, and whether it is deleted, for the consumers of the stream that tell of a company's
-- activity; written with the company's events. Filled here from the events stored before.
CREATE TABLE company_names (
    company_id UUID PRIMARY KEY,
    name       TEXT    NOT NULL,
    deleted    BOOLEAN NOT NULL DEFAULT FALSE
);

INSERT INTO company_names (company_id, name)
SELECT DISTINCT ON (aggregate_identifier) aggregate_identifier::uuid, named.name
FROM events.domain_event_entry,
     LATERAL (SELECT coalesce(convert_from(payload, 'UTF8')::jsonb ->> 'name',
                              convert_from(payload, 'UTF8')::jsonb -> 'changed' ->> 'name') AS name) named
WHERE payload_type IN ('io.identity.events.company.CompanyCreated', 'io.identity.events.company.CompanyUpdated')
  AND named.name IS NOT NULL
ORDER BY aggregate_identifier, global_index DESC;

UPDATE company_names SET deleted = TRUE
WHERE company_id::text IN (SELECT aggregate_identifier FROM events.domain_event_entry
                           WHERE payload_type = 'io.identity.events.company.CompanyDeleted');

-- Who sent each invitation, so that a notice of its acceptance need not load the company.
ALTER TABLE invitation_index ADD COLUMN invited_by UUID;

UPDATE invitation_index i
SET invited_by = (convert_from(e.payload, 'UTF8')::jsonb ->> 'invitedBy')::uuid
FROM events.domain_event_entry e
WHERE e.payload_type = 'io.identity.events.invitation.MemberInvited'
  AND (convert_from(e.payload, 'UTF8')::jsonb ->> 'invitationId')::uuid = i.invitation_id;
