package io.identity.command.user;

import io.identity.command.handling.Commands;
import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Profile, settings and privacy as JSON merge patches (RFC 7396): absent = unchanged, {@code null} = cleared
 * (or back to the default). Both {@code application/merge-patch+json} and {@code application/json} are read.
 */
@RestController
class PreferencesController {

    private final Commands commands;

    PreferencesController(Commands commands) {
        this.commands = commands;
    }

    @PatchMapping("/api/v1/users/me/profile")
    ResponseEntity<Void> profile(Caller caller, @RequestBody Map<String, Object> patch) {
        var values = new PreferenceFields(patch)
                .text("displayName", 100)
                .text("firstName", 100)
                .text("lastName", 100)
                .phone("phone")
                .multiline("bio", 500)
                .httpsUrl("avatarUrl")
                .values();
        return Responses.noContent(commands.send(new UpdateProfile(caller.userId(), values)));
    }

    @PatchMapping("/api/v1/users/me/settings")
    ResponseEntity<Void> settings(Caller caller, @RequestBody Map<String, Object> patch) {
        var values = new PreferenceFields(patch)
                .locale("locale")
                .timezone("timezone")
                .nestedFlags("emailNotifications", "product", "companyActivity")
                .values();
        return Responses.noContent(commands.send(new ChangeSettings(caller.userId(), values)));
    }

    @PatchMapping("/api/v1/users/me/privacy")
    ResponseEntity<Void> privacy(Caller caller, @RequestBody Map<String, Object> patch) {
        var values = new PreferenceFields(patch)
                .visibility("profileVisibility")
                .flag("showEmail")
                .flag("showPhone")
                .values();
        return Responses.noContent(commands.send(new ChangePrivacy(caller.userId(), values)));
    }
}
