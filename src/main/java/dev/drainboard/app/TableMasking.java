package dev.drainboard.app;

import dev.drainboard.model.ColumnMask;
import dev.drainboard.model.MaskTableDryRun;
import dev.drainboard.model.MaskTableProgress;
import dev.drainboard.model.MaskTableResult;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What the console's "Mask an existing table..." action calls: the same {@link MaskTableDesk} as
 * {@code drainboard mask-table}, with the exercise's columns (masked_ip=ip,
 * masked_device_id=device_id). Blocking calls; the console runs them through its task adapter.
 */
public interface TableMasking {
    TableMasking NONE = new TableMasking() {
        @Override
        public MaskTableDryRun dryRun(String table) {
            throw new IllegalStateException("Masking a stored table is not available in this console");
        }

        @Override
        public MaskTableResult run(String table, Consumer<MaskTableProgress> progress, BooleanSupplier stop) {
            throw new IllegalStateException("Masking a stored table is not available in this console");
        }
    };

    MaskTableDryRun dryRun(String table);

    /** Masks in place; {@code progress} is called on the worker thread after each committed batch. */
    MaskTableResult run(String table, Consumer<MaskTableProgress> progress, BooleanSupplier stop);

    static TableMasking of(MaskTableDesk desk) {
        return new TableMasking() {
            @Override
            public MaskTableDryRun dryRun(String table) {
                return desk.dryRun(table, ColumnMask.USER_LOGINS, 5);
            }

            @Override
            public MaskTableResult run(String table, Consumer<MaskTableProgress> progress, BooleanSupplier stop) {
                return desk.run(table, ColumnMask.USER_LOGINS, MaskTableDesk.DEFAULT_BATCH_ROWS, false, progress, stop);
            }
        };
    }
}
