package io.identity.command.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Which addresses a webhook may not reach unless {@code identity.webhooks.allow-private-targets} says so: the
 * unspecified, loopback, link-local (where cloud metadata services answer), private (RFC 1918, IPv6 site-local and
 * unique-local {@code fc00::/7}), shared (carrier-grade NAT, {@code 100.64.0.0/10}), broadcast and multicast
 * addresses. An IPv6 address that carries an IPv4 one (mapped, compatible, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}) is judged by the IPv4 address it reaches.
 */
final class TargetAddresses {

    private TargetAddresses() {}

    /** Whether a webhook may not be delivered to this address. */
    static boolean forbidden(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            var embedded = embeddedIpv4(v6.getAddress());
            if (embedded != null) {
                return forbidden(embedded);
            }
            var bytes = v6.getAddress();
            return v6.isAnyLocalAddress()
                    || v6.isLoopbackAddress()
                    || v6.isLinkLocalAddress()
                    || v6.isSiteLocalAddress()
                    || v6.isMulticastAddress()
                    || (bytes[0] & 0xfe) == 0xfc; // unique-local fc00::/7
        }
        var bytes = address.getAddress();
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()
                || first == 0 // "this network"
                || first == 127
                || first == 100 && second >= 64 && second <= 127 // shared address space, RFC 6598
                || first >= 240; // reserved and broadcast
    }

    /** The IPv4 address an IPv6 one stands for, or null. */
    private static Inet4Address embeddedIpv4(byte[] v6) {
        byte[] v4 = null;
        if (zero(v6, 0, 10) && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff) {
            v4 = Arrays.copyOfRange(v6, 12, 16); // ::ffff:a.b.c.d
        } else if (zero(v6, 0, 12) && !zero(v6, 12, 16)) {
            v4 = Arrays.copyOfRange(v6, 12, 16); // ::a.b.c.d (deprecated), not ::1 or :: (judged as IPv6)
            if (zero(v6, 12, 15) && (v6[15] == 1)) {
                return null;
            }
        } else if ((v6[0] & 0xff) == 0x00
                && (v6[1] & 0xff) == 0x64
                && (v6[2] & 0xff) == 0xff
                && (v6[3] & 0xff) == 0x9b
                && zero(v6, 4, 12)) {
            v4 = Arrays.copyOfRange(v6, 12, 16); // 64:ff9b::a.b.c.d
        } else if ((v6[0] & 0xff) == 0x20 && (v6[1] & 0xff) == 0x02) {
            v4 = Arrays.copyOfRange(v6, 2, 6); // 2002:aabb:ccdd::
        }
        if (v4 == null) {
            return null;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
