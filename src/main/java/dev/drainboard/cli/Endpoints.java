package dev.drainboard.cli;

import dev.drainboard.app.Workspace;

/** How to reach the servers a workspace uses, for people who want psql or the AWS CLI alongside. */
final class Endpoints {
    private Endpoints() {
    }

    static String describe(Workspace ws) {
        StringBuilder b = new StringBuilder();
        b.append("SQS:        ").append(ws.source().describe()).append(ws.embeddedSqs() ? "  (embedded)" : "")
                .append('\n');
        b.append("PostgreSQL: ").append(ws.sink().describe()).append(ws.embeddedDb() ? "  (embedded)" : "")
                .append('\n');
        ws.embeddedPostgres().filter(pg -> ws.embeddedDb()).ifPresent(pg -> pg.passwordFile().ifPresent(f ->
                b.append("            psql: PGPASSFILE=").append(f).append(" psql -h 127.0.0.1 -p ").append(pg.port())
                        .append(" -U ").append(pg.user()).append(" postgres\n")));
        b.append("Masking:    ").append(ws.masking().description());
        return b.toString();
    }
}
