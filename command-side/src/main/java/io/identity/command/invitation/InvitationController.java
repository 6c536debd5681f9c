package io.identity.command.invitation;

import io.identity.command.company.CompanyFields;
import io.identity.command.web.FieldValidation;
import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Invitations over HTTP (§7): {@link InvitationSending} for the company's side, {@link InvitationAnswers} for the invitee's. */
@RestController
class InvitationController {

    private final InvitationSending sending;
    private final InvitationAnswers answers;

    InvitationController(InvitationSending sending, InvitationAnswers answers) {
        this.sending = sending;
        this.answers = answers;
    }

    record InvitationRequest(String email, String role) {}

    record Resent(Instant expiresAt) {}

    record TokenRequest(String token) {
        @Override
        public String toString() {
            return "TokenRequest[]";
        }
    }

    record Accepted(UUID companyId) {}

    record NewcomerRequest(String token, String username, String password, String displayName) {
        @Override
        public String toString() {
            return "NewcomerRequest[]";
        }
    }

    @PostMapping("/api/v1/companies/{companyId}/invitations")
    ResponseEntity<InvitationSending.Issued> invite(
            Caller caller, @PathVariable UUID companyId, @RequestBody InvitationRequest request) {
        var fields = new FieldValidation();
        var email = fields.email("email", request.email());
        fields.check();
        var role = request.role() == null ? null : CompanyFields.role("role", request.role(), true);
        var stored = sending.invite(companyId, caller.userId(), email, role);
        return Responses.of(HttpStatus.CREATED, stored, stored.result());
    }

    @PostMapping("/api/v1/invitations/{invitationId}/resend")
    ResponseEntity<Resent> resend(Caller caller, @PathVariable UUID invitationId) {
        var stored = sending.resend(invitationId, caller.userId());
        return Responses.of(HttpStatus.OK, stored, new Resent(stored.result()));
    }

    @DeleteMapping("/api/v1/invitations/{invitationId}")
    ResponseEntity<Void> revoke(Caller caller, @PathVariable UUID invitationId) {
        return Responses.noContent(sending.revoke(invitationId, caller.userId()));
    }

    @PostMapping("/api/v1/invitations/accept")
    ResponseEntity<Accepted> accept(Caller caller, @RequestBody TokenRequest request) {
        var stored = answers.accept(request.token(), caller.userId());
        return Responses.of(HttpStatus.OK, stored, new Accepted(stored.result()));
    }

    @PostMapping("/api/v1/invitations/accept-new")
    ResponseEntity<InvitationAnswers.Joined> acceptAsNewcomer(@RequestBody NewcomerRequest request) {
        var stored = answers.join(request.token(), request.username(), request.password(), request.displayName());
        return Responses.of(HttpStatus.CREATED, stored, stored.result());
    }

    @PostMapping("/api/v1/invitations/decline")
    ResponseEntity<Void> decline(@RequestBody TokenRequest request) {
        return Responses.noContent(answers.decline(request.token()));
    }
}
