package io.lem.lab;

import java.util.UUID;
import java.util.regex.Pattern;

import io.javalin.http.Context;

/** One browser, one session: a random id in an HttpOnly, SameSite=Strict cookie; no state is shared between them. */
final class Sessions {

    static final String COOKIE = "lem_lab_session";
    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

    private Sessions() {
    }

    static String id(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id != null && ID.matcher(id).matches()) {
            return id;
        }
        String fresh = UUID.randomUUID().toString();
        ctx.header("Set-Cookie", COOKIE + "=" + fresh + "; Path=/; HttpOnly; SameSite=Strict");
        return fresh;
    }
}
