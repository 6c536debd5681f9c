package io.identity.command.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The only way the webhook sender learns where a host is: it resolves the name once per connection, refuses the
 * connection if any address it got is one webhooks may not reach ({@link TargetAddresses}), and hands the sender
 * exactly the addresses it checked. So a name that resolved to a public address when the webhook was made, and to
 * an internal one now (DNS rebinding), is refused now, and no second lookup can swap the address after the check.
 */
final class GuardedResolver implements DnsResolver {

    private final boolean allowPrivate;

    GuardedResolver(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        var addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        if (!allowPrivate) {
            for (var address : addresses) {
                if (TargetAddresses.forbidden(address)) {
                    throw new RefusedTarget();
                }
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }

    /** A target whose address webhooks may not reach: the delivery fails without a connection. */
    static final class RefusedTarget extends UnknownHostException {
        RefusedTarget() {
            super("the target is a loopback, link-local or private address");
        }
    }
}
