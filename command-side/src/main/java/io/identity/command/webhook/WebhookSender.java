package io.identity.command.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Posts one delivery: the CloudEvent as published, signed as the Standard Webhooks specification says (its own
 * Java library, {@code com.standardwebhooks:standardwebhooks}, makes the signature), with the event's id as
 * {@code webhook-id} on every attempt and the attempt's time as {@code webhook-timestamp}. Redirects are not
 * followed, no proxy or cookie is used, connecting and waiting for the answer are bounded, and only the status
 * code of the answer is read: its body is left unread and the connection dropped, so every delivery connects
 * anew, to an address checked anew.
 */
final class WebhookSender implements AutoCloseable {

    static final ContentType CLOUD_EVENT = ContentType.create("application/cloudevents+json", StandardCharsets.UTF_8);

    private final CloseableHttpClient client;
    private final Clock clock;

    WebhookSender(WebhookSettings settings, Clock clock) {
        this.clock = clock;
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedResolver(settings.allowPrivateTargets()))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.readTimeout()))
                        .build())
                .setMaxConnTotal(50)
                .setMaxConnPerRoute(4)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.readTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("identity-webhooks")
                .build();
    }

    /**
     * Sends the body to the URL, signed with the secret.
     *
     * @return the status code of the answer
     * @throws IOException when there was no answer (refused, timed out, a refused target address)
     */
    int send(String url, String messageId, String secret, byte[] body) throws IOException {
        var timestamp = clock.instant().getEpochSecond();
        String signature;
        try {
            signature = new Webhook(secret).sign(messageId, timestamp, new String(body, StandardCharsets.UTF_8));
        } catch (WebhookSigningException | EmptyWebhookSecretException e) {
            throw new IllegalStateException("a webhook could not be signed", e);
        }
        var post = new HttpPost(url);
        post.setHeader("webhook-id", messageId);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", signature);
        post.setEntity(new ByteArrayEntity(body, CLOUD_EVENT));
        var response = client.executeOpen(null, post, null);
        try {
            return response.getCode();
        } finally {
            // the body is not read: the connection is dropped (closing it politely would read the body to its end)
            post.cancel();
            try {
                response.close();
            } catch (IOException e) {
                // the connection is gone already
            }
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
