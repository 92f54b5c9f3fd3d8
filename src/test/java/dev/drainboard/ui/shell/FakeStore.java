package dev.drainboard.ui.shell;

import dev.drainboard.app.StoredData;
import dev.drainboard.model.Batch;
import dev.drainboard.model.CommitResult;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.MaskGroup;
import dev.drainboard.model.MaskedLogin;
import dev.drainboard.model.QueueMessage;
import dev.drainboard.model.Rejection;
import dev.drainboard.model.StoredCounts;
import dev.drainboard.model.StoredLogin;
import dev.drainboard.model.StoredRejection;
import dev.drainboard.sink.LoginSink;
import dev.drainboard.sink.SinkException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** An in-memory PostgreSQL stand-in: the sink with its ledger, and the warehouse questions over it. */
final class FakeStore implements LoginSink, StoredData {
    private final Set<String> ledger = new HashSet<>();
    private final List<MaskedLogin> rows = new ArrayList<>();
    private final List<Rejection> rejected = new ArrayList<>();
    volatile boolean down;

    @Override
    public synchronized CommitResult write(Batch batch) {
        check();
        int written = 0;
        int rejections = 0;
        int duplicates = 0;
        for (QueueMessage m : batch.messages()) {
            if (!ledger.add(m.messageId())) {
                duplicates++;
                continue;
            }
            for (MaskedLogin r : batch.rows()) {
                if (r.messageId().equals(m.messageId())) {
                    rows.add(r);
                    written++;
                }
            }
            for (Rejection r : batch.rejections()) {
                if (r.messageId().equals(m.messageId())) {
                    rejected.add(r);
                    rejections++;
                }
            }
        }
        return new CommitResult(written, rejections, duplicates, 0, 0);
    }

    @Override
    public String describe() {
        return "memory://postgres";
    }

    @Override
    public void close() {
    }

    @Override
    public synchronized StoredCounts counts() {
        check();
        return new StoredCounts(rows.size(), rejected.size());
    }

    @Override
    public synchronized List<StoredLogin> latestRows(int limit) {
        check();
        List<StoredLogin> out = new ArrayList<>();
        for (int i = rows.size() - 1; i >= 0 && out.size() < limit; i--) {
            MaskedLogin r = rows.get(i);
            out.add(new StoredLogin(r.userId(), r.deviceType(), r.maskedIp(), r.maskedDeviceId(), r.locale(),
                    r.appVersion(), r.createDate()));
        }
        return out;
    }

    @Override
    public synchronized List<MaskGroup> topRepeated(MaskColumn column, int limit) {
        check();
        return tally(column).entrySet().stream().filter(e -> e.getValue() > 1)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(limit)
                .map(e -> new MaskGroup(e.getKey(), e.getValue())).collect(Collectors.toList());
    }

    @Override
    public synchronized Map<String, Long> countsOf(MaskColumn column, Collection<String> masks) {
        check();
        Map<String, Long> all = tally(column);
        Map<String, Long> out = new HashMap<>();
        masks.forEach(m -> {
            if (all.containsKey(m)) {
                out.put(m, all.get(m));
            }
        });
        return out;
    }

    @Override
    public synchronized List<StoredRejection> rejections(int limit) {
        check();
        return rejected.stream().limit(limit)
                .map(r -> new StoredRejection(r.messageId(), r.reason(), r.summary(), Instant.EPOCH))
                .collect(Collectors.toList());
    }

    private Map<String, Long> tally(MaskColumn column) {
        Map<String, Long> n = new HashMap<>();
        for (MaskedLogin r : rows) {
            String m = column == MaskColumn.MASKED_IP ? r.maskedIp() : r.maskedDeviceId();
            if (m != null) {
                n.merge(m, 1L, Long::sum);
            }
        }
        return n;
    }

    private void check() {
        if (down) {
            throw new SinkException("PostgreSQL at memory://postgres is unreachable (connection refused). Check that "
                    + "it is running.", true, null);
        }
    }
}
