package io.identity.command.privacy;

import io.identity.command.handling.CheckedAggregateCache;
import io.identity.command.handling.Commands;
import io.identity.command.invitation.InvitationLookup;
import io.identity.command.invitation.InvitationShredder;
import io.identity.command.kernel.EmailAddresses;
import io.identity.command.kernel.IdentitySettings;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.command.mail.Mail;
import io.identity.command.mail.MailLocales;
import io.identity.command.mail.Outbox;
import io.identity.events.privacy.AddressErased;
import io.identity.support.problem.IdentityException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Erasure by address, for someone who may have no account: a link goes to the address, and following it proves the
 * mailbox; then every invitation sent to the address is shredded (pending ones withdrawn) with every mail about it,
 * and {@link AddressErased} tells the read models and the stream's consumers. An account with that address is not
 * touched: closing an account takes its password.
 */
@Component
class AddressErasures {

    static final String TEMPLATE = "erase-address";

    private final AddressErasureRequests requests;
    private final InvitationLookup invitations;
    private final InvitationShredder shredder;
    private final Outbox outbox;
    private final Commands commands;
    private final EventGateway events;
    private final CheckedAggregateCache aggregates;
    private final PrivacySettings settings;
    private final Clock clock;
    private final String publicUrl;

    AddressErasures(
            AddressErasureRequests requests,
            InvitationLookup invitations,
            InvitationShredder shredder,
            Outbox outbox,
            Commands commands,
            EventGateway events,
            CheckedAggregateCache aggregates,
            PrivacySettings settings,
            Clock clock,
            IdentitySettings identity) {
        this.requests = requests;
        this.invitations = invitations;
        this.shredder = shredder;
        this.outbox = outbox;
        this.commands = commands;
        this.events = events;
        this.aggregates = aggregates;
        this.settings = settings;
        this.clock = clock;
        this.publicUrl = identity.publicUrl();
    }

    /**
     * Mails a link to the address, whatever is held about it (the answer tells the asker nothing), unless one went
     * there within the quiet period.
     */
    void request(String email, String acceptLanguage) {
        var token = OpaqueTokens.generate();
        var now = clock.instant();
        var expiresAt = now.plus(settings.eraseAddressLinkLifetime());
        commands.run(() -> {
            requests.renew(
                            EmailAddresses.hash(email),
                            OpaqueTokens.hashHex(token),
                            now,
                            expiresAt,
                            settings.eraseAddressQuietPeriod())
                    .ifPresent(requestId -> outbox.enqueue(new Mail(
                            email,
                            TEMPLATE,
                            MailLocales.fromAcceptLanguage(acceptLanguage),
                            requestId,
                            Map.of(
                                    "validHours",
                                    Long.toString(
                                            settings.eraseAddressLinkLifetime().toHours())),
                            Map.of("link", publicUrl + "/erase-address?token=" + token))));
            return null;
        });
    }

    /** Spends the link and erases; {@code 400 invalid_token} for a link unknown, spent or expired. */
    Commands.Stored<Object> confirm(String token) {
        var stored = commands.run(() -> {
            var now = clock.instant();
            var confirmed = requests.spend(OpaqueTokens.hashHex(token), now).orElseThrow(IdentityException::spentLink);
            List<UUID> shredded = invitations.sentToAddress(confirmed.addressHash());
            events.publish(new AddressErased(UUID.randomUUID(), confirmed.addressHash(), shredded, now));
            shredder.shred(shredded);
            outbox.forget(confirmed.requestId());
            return null;
        });
        // a kept Company holds its invitations' addresses in clear
        aggregates.removeAll();
        return stored;
    }

    /** Links never followed: their requests go once they expired. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT4M")
    void purgeExpired() {
        requests.purgeExpired(clock.instant());
    }
}
