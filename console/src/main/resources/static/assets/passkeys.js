// Passkeys on the console's pages (WebAuthn Level 3). A form marked data-passkey="add", "sign-in" or
// "second-factor" asks its data-options address (this site) for the options in their JSON form, hands them to
// navigator.credentials, puts the authenticator's answer as JSON into the form's hidden "credential" field and
// posts the form as usual. Served from /assets so that the pages' Content-Security-Policy (no inline script) holds.
(function () {
    "use strict";

    function toBytes(base64url) {
        var base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
        while (base64.length % 4) {
            base64 += "=";
        }
        var text = atob(base64);
        var bytes = new Uint8Array(text.length);
        for (var i = 0; i < text.length; i++) {
            bytes[i] = text.charCodeAt(i);
        }
        return bytes.buffer;
    }

    function toBase64url(buffer) {
        var bytes = new Uint8Array(buffer);
        var text = "";
        for (var i = 0; i < bytes.length; i++) {
            text += String.fromCharCode(bytes[i]);
        }
        return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    }

    function descriptors(list) {
        return (list || []).map(function (descriptor) {
            return { type: descriptor.type, id: toBytes(descriptor.id), transports: descriptor.transports };
        });
    }

    // the browser's own parser where it has one (Level 3), else the base64url fields by hand
    function creationOptions(json) {
        if (window.PublicKeyCredential && PublicKeyCredential.parseCreationOptionsFromJSON) {
            return PublicKeyCredential.parseCreationOptionsFromJSON(json);
        }
        var options = Object.assign({}, json);
        options.challenge = toBytes(json.challenge);
        options.user = Object.assign({}, json.user, { id: toBytes(json.user.id) });
        options.excludeCredentials = descriptors(json.excludeCredentials);
        return options;
    }

    function requestOptions(json) {
        var copy = Object.assign({}, json);
        delete copy.challengeId;
        if (window.PublicKeyCredential && PublicKeyCredential.parseRequestOptionsFromJSON) {
            return PublicKeyCredential.parseRequestOptionsFromJSON(copy);
        }
        copy.challenge = toBytes(json.challenge);
        copy.allowCredentials = descriptors(json.allowCredentials);
        return copy;
    }

    function answerJson(credential) {
        if (typeof credential.toJSON === "function") {
            return credential.toJSON();
        }
        var response = credential.response;
        var json = {
            id: credential.id,
            rawId: toBase64url(credential.rawId),
            type: credential.type,
            authenticatorAttachment: credential.authenticatorAttachment || null,
            clientExtensionResults: credential.getClientExtensionResults(),
            response: { clientDataJSON: toBase64url(response.clientDataJSON) }
        };
        if (response.attestationObject) {
            json.response.attestationObject = toBase64url(response.attestationObject);
            json.response.transports = response.getTransports ? response.getTransports() : [];
        } else {
            json.response.authenticatorData = toBase64url(response.authenticatorData);
            json.response.signature = toBase64url(response.signature);
            if (response.userHandle) {
                json.response.userHandle = toBase64url(response.userHandle);
            }
        }
        return json;
    }

    function field(form, name) {
        return form.querySelector("[name='" + name + "']");
    }

    function fetchOptions(form, names) {
        var body = new URLSearchParams();
        names.forEach(function (name) {
            var input = field(form, name);
            if (input) {
                body.append(name, input.value);
            }
        });
        return fetch(form.getAttribute("data-options"), {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
            body: body
        }).then(function (answer) {
            return answer.json().then(function (json) {
                if (!answer.ok) {
                    throw { code: json.code };
                }
                return json;
            });
        });
    }

    function fail(form, error) {
        var alert = form.querySelector("[data-passkey-error]");
        if (alert) {
            if (!alert.hasAttribute("data-text")) {
                alert.setAttribute("data-text", alert.textContent);
            }
            var wrongPassword = form.getAttribute("data-wrong-password");
            alert.textContent = error && error.code === "invalid_credentials" && wrongPassword
                ? wrongPassword
                : alert.getAttribute("data-text");
            alert.hidden = false;
        }
        var button = form.querySelector("button[type='submit']");
        if (button) {
            button.disabled = false;
        }
    }

    var flows = {
        "add": function (form) {
            return fetchOptions(form, ["_csrf", "currentPassword"]).then(function (json) {
                return navigator.credentials.create({ publicKey: creationOptions(json) });
            }).then(function (credential) {
                field(form, "credential").value = JSON.stringify(answerJson(credential));
                // the password was for the options; the form itself does not need it again
                field(form, "currentPassword").value = "";
            });
        },
        "sign-in": function (form) {
            return fetchOptions(form, ["_csrf"]).then(function (json) {
                field(form, "challengeId").value = json.challengeId;
                return navigator.credentials.get({ publicKey: requestOptions(json) });
            }).then(function (credential) {
                field(form, "credential").value = JSON.stringify(answerJson(credential));
            });
        },
        "second-factor": function (form) {
            return fetchOptions(form, ["_csrf", "mfaToken"]).then(function (json) {
                return navigator.credentials.get({ publicKey: requestOptions(json) });
            }).then(function (credential) {
                field(form, "credential").value = JSON.stringify(answerJson(credential));
            });
        }
    };

    function start() {
        if (!window.PublicKeyCredential || !navigator.credentials || !window.fetch) {
            return;
        }
        document.querySelectorAll("form[data-passkey]").forEach(function (form) {
            var flow = flows[form.getAttribute("data-passkey")];
            if (!flow || form.hasAttribute("data-passkey-ready")) {
                return;
            }
            form.setAttribute("data-passkey-ready", "");
            form.querySelectorAll("[data-passkey-without-script]").forEach(function (note) {
                note.hidden = true;
            });
            form.querySelectorAll("button[type='submit']").forEach(function (button) {
                button.hidden = false;
            });
            form.addEventListener("submit", function (event) {
                event.preventDefault();
                var button = form.querySelector("button[type='submit']");
                button.disabled = true;
                var alert = form.querySelector("[data-passkey-error]");
                if (alert) {
                    alert.hidden = true;
                }
                flow(form).then(function () {
                    form.submit();
                }, function (error) {
                    fail(form, error);
                });
            });
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
