package io.lem.lab;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/**
 * Checks every API request before its route: the token when one is set; for state-changing calls, that the request
 * comes from the Lab's own page (Origin or Sec-Fetch-Site same-origin; a browser sends one of them, a script from
 * another site cannot forge them) and carries JSON (a cross-site form cannot); on a loopback bind, that the Host is
 * loopback (a DNS-rebinding page names its own host).
 */
final class LabGuard {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final String token;
    private final boolean loopback;

    LabGuard(String token, boolean loopback) {
        this.token = token;
        this.loopback = loopback;
    }

    void check(Context ctx) {
        if (loopback && !loopbackHost(ctx.header("Host"))) {
            throw new HttpResponseException(403, "Host '" + ctx.header("Host") + "' is not this machine's loopback");
        }
        if (token != null && !tokenMatches(ctx)) {
            throw new HttpResponseException(401, "this Lab needs its token: send 'Authorization: Bearer <token>'");
        }
        if (SAFE.contains(ctx.method().name())) {
            return;
        }
        String origin = ctx.header("Origin");
        String fetchSite = ctx.header("Sec-Fetch-Site");
        boolean crossOrigin = origin != null && (origin.equals("null") || !sameOrigin(origin, ctx.header("Host")));
        boolean crossSite = fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none");
        if (crossOrigin || crossSite) {
            throw new HttpResponseException(403, "cross-site request refused: state-changing calls come only from the"
                    + " Lab's own page");
        }
        String type = ctx.header("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new HttpResponseException(415, "send the body as JSON (Content-Type: application/json)");
        }
    }

    private boolean tokenMatches(Context ctx) {
        String auth = ctx.header("Authorization");
        String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).strip() : ctx.queryParam("token");
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            URI o = URI.create(origin);
            return host != null && o.getRawAuthority() != null && o.getRawAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        return name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]");
    }
}
