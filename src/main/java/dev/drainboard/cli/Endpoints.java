package dev.drainboard.cli;

import dev.drainboard.app.Workspace;

/** How to reach the servers a workspace uses, for people who want psql or the AWS CLI alongside. */
final class Endpoints {
    private Endpoints() {
    }

    static String describe(Workspace ws) {
        StringBuilder b = new StringBuilder();
        b.append("SQS:        ").append(ws.sqsDescription()).append(ws.embeddedSqs() ? "  (embedded)" : "")
                .append('\n');
        b.append("PostgreSQL: ").append(ws.dbDescription()).append(ws.embeddedDb() ? "  (embedded)" : "")
                .append('\n');
        ws.psqlCommand().ifPresent(psql -> b.append("            psql: ").append(psql).append('\n'));
        b.append("Masking:    ").append(ws.masking().description());
        return b.toString();
    }
}
