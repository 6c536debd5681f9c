package io.identity.query.processing;

import java.sql.SQLException;
import java.util.ArrayList;

/** What a projection's failure may say where it is kept or logged. */
public final class Failures {

    private Failures() {}

    /**
     * The exception types down the chain and any SQL state, without what they said: a database's message can quote
     * the row it refused, personal data that must not outlive the person's erasure in a log or a table no key
     * protects.
     */
    public static String summary(Throwable cause) {
        var types = new ArrayList<String>();
        String state = null;
        for (var link = cause;
                link != null && types.size() < 4;
                link = link.getCause() == link ? null : link.getCause()) {
            types.add(link.getClass().getSimpleName());
            if (link instanceof SQLException sql && sql.getSQLState() != null) {
                state = sql.getSQLState();
            }
        }
        var summary = String.join(" < ", types) + (state == null ? "" : " (SQL state " + state + ")");
        return summary.length() > 250 ? summary.substring(0, 250) : summary;
    }
}
