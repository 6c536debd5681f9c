package io.identity.command.invitation;

import io.identity.command.company.CompanyFields;
import io.identity.command.handling.Commands;
import io.identity.command.kernel.IdentitySettings;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.command.mail.Mail;
import io.identity.command.mail.MailLocales;
import io.identity.command.mail.Outbox;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import io.identity.command.user.NewAccounts;
import io.identity.command.web.FieldValidation;
import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import io.identity.support.request.RequestContext;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invitations (§7): the link's token goes only to the invitee's mailbox, through the outbox (v1.1): never into an
 * answer, a log or an event, so that holding it proves control of that mailbox and {@code accept-new} may mark the
 * address verified. Only its hash is stored. Who may invite, resend and revoke is the Company's decision.
 */
@RestController
class InvitationController {

    private final Commands commands;
    private final InvitationFlows flows;
    private final NewAccounts newAccounts;
    private final Accounts accounts;
    private final InvitationLookup index;
    private final Outbox outbox;
    private final String publicUrl;

    InvitationController(
            Commands commands,
            InvitationFlows flows,
            NewAccounts newAccounts,
            Accounts accounts,
            InvitationLookup index,
            Outbox outbox,
            IdentitySettings settings) {
        this.commands = commands;
        this.flows = flows;
        this.newAccounts = newAccounts;
        this.accounts = accounts;
        this.index = index;
        this.outbox = outbox;
        this.publicUrl = settings.publicUrl();
    }

    record InvitationRequest(String email, String role) {}

    /** No link: the inviter must not be able to accept in the invitee's name. */
    record Created(UUID invitationId, Instant expiresAt) {}

    record Resent(Instant expiresAt) {}

    @PostMapping("/api/v1/companies/{companyId}/invitations")
    ResponseEntity<Created> invite(
            Caller caller, @PathVariable UUID companyId, @RequestBody InvitationRequest request) {
        var input = new FieldValidation();
        var email = input.email("email", request.email());
        input.check();
        var role = request.role() == null ? null : CompanyFields.role("role", request.role(), true);
        var invitee = accounts.byLogin(null, email).map(Account::userId).orElse(null);
        var invitationId = UUID.randomUUID();
        var token = OpaqueTokens.generate();
        var link = publicUrl + "/invitations/" + token;
        var stored = commands.run(() -> {
            var sent = flows.invite(
                    companyId, caller.userId(), invitationId, email, role, invitee, OpaqueTokens.hashHex(token));
            mail(caller, invitationId, sent, link);
            return sent;
        });
        return Responses.of(
                HttpStatus.CREATED,
                stored,
                new Created(invitationId, stored.result().expiresAt()));
    }

    @PostMapping("/api/v1/invitations/{invitationId}/resend")
    ResponseEntity<Resent> resend(Caller caller, @PathVariable UUID invitationId) {
        var token = OpaqueTokens.generate();
        var link = publicUrl + "/invitations/" + token;
        var stored = commands.run(() -> {
            var sent = flows.resend(invitationId, caller.userId(), OpaqueTokens.hashHex(token));
            mail(caller, invitationId, sent, link);
            return sent;
        });
        return Responses.of(HttpStatus.OK, stored, new Resent(stored.result().expiresAt()));
    }

    record TokenRequest(String token) {
        @Override
        public String toString() {
            return "TokenRequest[]";
        }
    }

    record Accepted(UUID companyId) {}

    /** The caller joins; their verified address must be the invited one. */
    @PostMapping("/api/v1/invitations/accept")
    ResponseEntity<Accepted> accept(Caller caller, @RequestBody TokenRequest request) {
        var tokenHash = hashOf(request.token());
        var link = index.link(tokenHash).orElseThrow(IdentityException::notFound);
        var account = accounts.byId(caller.userId()).orElseThrow(IdentityException::unauthenticated);
        var verified = account.emailVerified() ? account.email() : null;
        var stored = commands.run(() -> {
            var answered = flows.accept(link.invitationId(), tokenHash, caller.userId(), verified);
            notifyInviter(answered, "invitation-accepted", link.invitationId(), caller.userId());
            return answered;
        });
        return Responses.of(HttpStatus.OK, stored, new Accepted(stored.result().companyId()));
    }

    record NewcomerRequest(String token, String username, String password, String displayName) {
        @Override
        public String toString() {
            return "NewcomerRequest[]";
        }
    }

    record Joined(UUID userId, UUID companyId) {}

    /**
     * A newcomer accepts: the invited address becomes a new account, verified by the link itself, and joins. One
     * transaction: if the invitation cannot be accepted, no account is made either.
     */
    @PostMapping("/api/v1/invitations/accept-new")
    ResponseEntity<Joined> acceptAsNewcomer(@RequestBody NewcomerRequest request) {
        var tokenHash = hashOf(request.token());
        var link = index.link(tokenHash).orElseThrow(IdentityException::notFound);
        if (link.email().isEmpty()) {
            throw new IdentityException(ErrorCode.INVITATION_NOT_PENDING, ErrorCode.INVITATION_NOT_PENDING.title());
        }
        var account = newAccounts.check(
                new FieldValidation(), request.username(), link.email(), request.password(), request.displayName());
        RequestContext.actor(account.userId());
        try {
            var stored = commands.run(() -> {
                newAccounts.register(account, "INVITATION");
                newAccounts.confirmEmail(account);
                var answered = flows.accept(link.invitationId(), tokenHash, account.userId(), account.email());
                notifyInviter(answered, "invitation-accepted", link.invitationId(), account.userId());
                return null;
            });
            return Responses.of(HttpStatus.CREATED, stored, new Joined(account.userId(), link.companyId()));
        } catch (RuntimeException e) {
            throw NewAccounts.translate(e);
        }
    }

    /** Declining needs the link alone. */
    @PostMapping("/api/v1/invitations/decline")
    ResponseEntity<Void> decline(@RequestBody TokenRequest request) {
        var tokenHash = hashOf(request.token());
        var link = index.link(tokenHash).orElseThrow(IdentityException::notFound);
        return Responses.noContent(commands.run(() -> {
            var answered = flows.decline(link.invitationId(), tokenHash);
            notifyInviter(answered, "invitation-declined", link.invitationId());
            return null;
        }));
    }

    /**
     * The inviter hears of the answer, if they want mail about their companies' activity. The mail names the
     * invitee (the invitation's address, and their account when they joined): it goes with their erasure.
     */
    private void notifyInviter(InvitationFlows.Answered answered, String template, UUID... invitee) {
        accounts.byId(answered.inviterId())
                .filter(Account::notifyCompany)
                .ifPresent(inviter -> outbox.enqueue(new Mail(
                                inviter.email(),
                                template,
                                MailLocales.forUser(inviter.locale(), null),
                                inviter.userId(),
                                Map.of(
                                        "name",
                                        inviter.username(),
                                        "invitee",
                                        answered.email(),
                                        "company",
                                        answered.companyName(),
                                        "subject",
                                        answered.companyName()),
                                Map.of())
                        .mentioning(invitee)));
    }

    /** An unknown, replaced or spent link: nothing is found, whatever was sent. */
    private static String hashOf(String token) {
        if (token == null || token.isBlank()) {
            throw IdentityException.notFound();
        }
        return OpaqueTokens.hashHex(token);
    }

    @DeleteMapping("/api/v1/invitations/{invitationId}")
    ResponseEntity<Void> revoke(Caller caller, @PathVariable UUID invitationId) {
        return Responses.noContent(commands.run(() -> {
            flows.revoke(invitationId, caller.userId());
            return null;
        }));
    }

    private void mail(Caller caller, UUID invitationId, InvitationFlows.Sent sent, String link) {
        var inviter = accounts.byId(caller.userId());
        var locale = MailLocales.forUser(null, inviter.map(Account::locale).orElse(null));
        outbox.enqueue(new Mail(
                        sent.email(),
                        "invitation",
                        locale,
                        invitationId,
                        Map.of(
                                "inviter",
                                inviter.map(Account::username).orElse(""),
                                "company",
                                sent.companyName(),
                                "subject",
                                sent.companyName(),
                                "expiresAt",
                                sent.expiresAt().toString()),
                        Map.of("link", link))
                .mentioning(caller.userId()));
    }
}
