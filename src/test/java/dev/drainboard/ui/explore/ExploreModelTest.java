package dev.drainboard.ui.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.app.CsvExport;
import dev.drainboard.app.Operations;
import dev.drainboard.model.ExploreRow;
import dev.drainboard.model.ExploreSort;
import dev.drainboard.model.LoginFilter;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.MaskSummary;
import dev.drainboard.model.StoredLogin;
import dev.drainboard.ui.common.Session;
import dev.drainboard.ui.common.Tasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Explore tab's view model over an in-memory {@code user_logins}, on the test thread. */
class ExploreModelTest {
    static final LocalDate NOV1 = LocalDate.of(2026, 11, 1);

    final FakeExplore db = new FakeExplore();
    final ExploreModel m;

    ExploreModelTest() {
        Session s = new Session(new SyncTasks(), Clock.systemUTC());
        s.connect(new Operations(null, null, null, null, new Operations.About("test", "fp", "sqs", "db", 1), () -> { })
                .withExplore(db));
        m = new ExploreModel(s);
    }

    static StoredLogin row(String user, String type, String ip, String device, String locale, LocalDate d) {
        return new StoredLogin(user, type, ip, device, locale, "2.3.0", d);
    }

    /** 250 rows over 25 days: u00..u24, ios/android alternating, two users share 'v1:dev-shared'. */
    void seed250() {
        for (int i = 0; i < 250; i++) {
            String user = String.format("u%02d", i % 25);
            String device = i % 25 < 2 && (i / 25) % 2 == 0 ? "v1:dev-shared" : "v1:dev-" + user;
            db.add(row(user, i % 2 == 0 ? "ios" : "android", "v1:ip-" + user, device, i % 3 == 0 ? "PH" : "RU",
                    NOV1.plusDays(i % 25)));
        }
    }

    @Test
    void theTypedFieldsBecomeOneFilterAndASentence() {
        seed250();
        m.deviceTypeProperty().set(" ios ");
        m.localeProperty().set("PH");
        m.fromProperty().set(NOV1);
        m.toProperty().set(NOV1.plusDays(29));

        m.apply();

        LoginFilter want = new LoginFilter(null, null, null, "ios", "PH", null, NOV1, NOV1.plusDays(29));
        assertThat(db.filtersAsked).last().isEqualTo(want);
        long expected = db.all().stream().filter(r -> FakeExplore.matches(want, r.login())).count();
        assertThat(m.sentenceProperty().get()).isEqualTo("device type = ios, locale = PH, 2026-11-01 … 2026-11-30: "
                + expected + " rows");
        assertThat(m.rows()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.login().deviceType()).isEqualTo("ios");
            assertThat(r.login().locale()).isEqualTo("PH");
        });
    }

    @Test
    void anEmptyDateRangeIsRefusedWithoutAQuery() {
        m.fromProperty().set(NOV1.plusDays(3));
        m.toProperty().set(NOV1);
        m.apply();
        assertThat(db.filtersAsked).isEmpty();
        assertThat(m.statusProperty().get()).contains("empty");
    }

    @Test
    void pagesGoForwardAndBackInServerOrder() {
        seed250();
        m.pageSizeProperty().set(100);
        m.apply();
        List<ExploreRow> page1 = new ArrayList<>(m.rows());
        assertThat(m.hasPreviousProperty().get()).isFalse();
        m.nextPage();
        List<ExploreRow> page2 = new ArrayList<>(m.rows());
        m.nextPage();
        assertThat(m.rows()).hasSize(50);
        assertThat(m.hasNextProperty().get()).isFalse();
        assertThat(m.pageInfoProperty().get()).startsWith("Page 3");
        m.previousPage();
        assertThat(m.rows()).containsExactlyElementsOf(page2);
        m.previousPage();
        assertThat(m.rows()).containsExactlyElementsOf(page1);
        assertThat(m.hasPreviousProperty().get()).isFalse();
        assertThat(m.pageInfoProperty().get()).startsWith("Page 1");
        List<ExploreRow> sorted = new ArrayList<>(db.all());
        sorted.sort(FakeExplore.order(ExploreSort.DATE));
        assertThat(page1).containsExactlyElementsOf(sorted.subList(0, 100));
    }

    @Test
    void aPageSizeOutsideTheRangeIsClamped() {
        seed250();
        m.pageSizeProperty().set(7);
        m.apply();
        assertThat(m.rows()).hasSize(50);
        m.pageSizeProperty().set(10_000);
        m.firstPage();
        assertThat(m.rows()).hasSize(250);
    }

    @Test
    void pagingPastDeletionsNeitherRepeatsNorSkipsASurvivingRow() {
        seed250();
        m.pageSizeProperty().set(50);
        m.apply();
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        m.rows().forEach(r -> {
            seen.add(r.rowKey());
            order.add(r.rowKey());
        });
        // Delete the anchor (last row shown) and the next 10 rows, then keep paging.
        List<ExploreRow> sorted = new ArrayList<>(db.all());
        sorted.sort(FakeExplore.order(ExploreSort.DATE));
        Set<StoredLogin> gone = sorted.subList(49, 60).stream().map(ExploreRow::login).collect(Collectors.toSet());
        db.delete(l -> gone.contains(l));
        while (m.hasNextProperty().get()) {
            m.nextPage();
            m.rows().forEach(r -> assertThat(seen.add(r.rowKey())).as("row shown twice: " + r).isTrue());
            m.rows().forEach(r -> order.add(r.rowKey()));
        }
        List<String> survivors = sorted.stream().filter(r -> !gone.contains(r.login()) || order.indexOf(r.rowKey()) >= 0)
                .map(ExploreRow::rowKey).collect(Collectors.toList());
        assertThat(order).containsExactlyElementsOf(survivors);
    }

    @Test
    void whenEverythingAfterThePageWasDeletedNextStaysAndSaysSo() {
        seed250();
        m.apply();
        List<ExploreRow> shown = new ArrayList<>(m.rows());
        Set<String> keep = shown.stream().map(ExploreRow::rowKey).collect(Collectors.toSet());
        db.delete(l -> db.all().stream().noneMatch(r -> r.login() == l && keep.contains(r.rowKey())));
        m.nextPage();
        assertThat(m.rows()).containsExactlyElementsOf(shown);
        assertThat(m.hasNextProperty().get()).isFalse();
        assertThat(m.pageInfoProperty().get()).contains("no more rows");
    }

    @Test
    void followingAMaskShowsItsRowsUsersAndDates() {
        seed250();
        m.localeProperty().set("PH");
        m.apply();

        m.follow(MaskColumn.MASKED_DEVICE_ID, "v1:dev-shared");

        assertThat(m.maskedDeviceIdProperty().get()).isEqualTo("v1:dev-shared");
        assertThat(m.localeProperty().get()).isEmpty();
        assertThat(m.rows()).isNotEmpty().allSatisfy(r -> assertThat(r.login().maskedDeviceId())
                .isEqualTo("v1:dev-shared"));
        MaskSummary s = db.follow(MaskColumn.MASKED_DEVICE_ID, "v1:dev-shared");
        assertThat(s.users()).isEqualTo(2);
        assertThat(m.followedProperty().get()).isEqualTo("masked device id v1:dev-shared: " + s.rows()
                + " rows, 2 distinct user ids, first " + s.first() + ", last " + s.last());
        assertThat(m.sentenceProperty().get()).startsWith("masked device id = v1:dev-shared: ");
    }

    @Test
    void followingAUserListsEveryMaskItUsedWithItsSharing() {
        seed250();
        m.followUser("u00");
        assertThat(m.userIdProperty().get()).isEqualTo("u00");
        assertThat(m.rows()).allSatisfy(r -> assertThat(r.login().userId()).isEqualTo("u00"));
        assertThat(m.userMasks()).extracting(MaskSummary::mask).containsExactlyInAnyOrder("v1:ip-u00", "v1:dev-shared",
                "v1:dev-u00");
        assertThat(m.userMasks()).filteredOn(x -> x.mask().equals("v1:dev-shared")).singleElement()
                .extracting(MaskSummary::users).isEqualTo(2L);
        assertThat(m.followedProperty().get()).isEqualTo("User id u00 used 3 masks; 1 of them are shared with other "
                + "user ids.");
    }

    @Test
    void theSharedListShowsDeviceIdsWithTwoOrMoreUsers() {
        seed250();
        m.refreshShared();
        assertThat(m.sharedDevices()).extracting(MaskSummary::mask).containsExactly("v1:dev-shared");
        assertThat(m.sharedIps()).isEmpty();
        assertThat(m.sharedInfoProperty().get()).startsWith("1 device ids and 0 ips are used by two or more user ids");
    }

    @Test
    void chartsFollowTheAppliedFilterOnceShown() {
        seed250();
        m.setChartsShown(true);
        long all = m.chartProperty(dev.drainboard.model.ChartKind.BY_LOCALE).get().points().stream()
                .mapToLong(p -> p.count()).sum();
        assertThat(all).isEqualTo(250);
        m.localeProperty().set("PH");
        m.apply();
        assertThat(m.chartProperty(dev.drainboard.model.ChartKind.BY_LOCALE).get().points())
                .extracting(p -> p.category()).containsExactly("PH");
    }

    @Test
    void exportWritesTheAppliedFilterAsCsvWithMaskedValuesOnly(@TempDir Path tmp) throws Exception {
        db.add(row("u1", "ios", "v1:aa", "v1:bb", "P\"H, x", NOV1));
        db.add(row("u2", "ios", "10.1.2.3", "v1:cc", "PH", NOV1.plusDays(1)));  // a raw value that slipped in
        db.add(row("u3", "android", "v1:dd", "v1:ee", "PH", NOV1));
        m.deviceTypeProperty().set("ios");
        m.apply();
        Path file = tmp.resolve("out.csv");
        m.exportPathProperty().set(file.toString());

        m.exportRows();

        assertThat(Files.readString(file)).isEqualTo("user_id,device_type,masked_ip,masked_device_id,locale,app_version,"
                + "create_date\r\n"
                + "u2,ios," + CsvExport.WITHHELD + ",v1:cc,PH,2.3.0,2026-11-02\r\n"
                + "u1,ios,v1:aa,v1:bb,\"P\"\"H, x\",2.3.0,2026-11-01\r\n");
        assertThat(m.exportStatusProperty().get()).startsWith("Exported 2 rows of device type = ios");
        assertThat(m.exportingProperty().get()).isFalse();
    }

    @Test
    void aCancelledExportLeavesNoFile(@TempDir Path tmp) {
        seed250();
        m.apply();
        Path file = tmp.resolve("out.csv");
        m.exportPathProperty().set(file.toString());
        int[] n = {0};
        db.afterEachExportedRow = () -> {
            if (++n[0] == 10) {
                m.cancelExport();
            }
        };

        m.exportRows();

        assertThat(n[0]).isEqualTo(10);
        assertThat(m.exportStatusProperty().get()).isEqualTo("Export cancelled; no file was written.");
        assertThat(tmp.toFile().list()).isEmpty();
    }

    @Test
    void copyingSelectedRowsGivesTheirMaskedValues() {
        List<ExploreRow> sel = List.of(new ExploreRow(row("u1", "ios", "v1:aa", "v2:bb", "PH", NOV1), "(0,1)"),
                new ExploreRow(row("u2", "ios", "192.168.0.1", null, null, NOV1), "(0,2)"));
        assertThat(ExploreModel.copyText(sel)).isEqualTo(String.join("\t", CsvExport.ROW_HEADER) + "\n"
                + "u1\tios\tv1:aa\tv2:bb\tPH\t2.3.0\t2026-11-01\n"
                + "u2\tios\t" + CsvExport.WITHHELD + "\t\t\t2.3.0\t2026-11-01");
    }

    @Test
    void copyingDefusesWhatASpreadsheetWouldRunAsAFormula() {
        List<ExploreRow> sel = List.of(new ExploreRow(row("=HYPERLINK(\"x\")", "ios", "v1:aa", "v1:bb", "+1", NOV1),
                "(0,1)"));
        assertThat(ExploreModel.copyText(sel)).endsWith("\n'=HYPERLINK(\"x\")\tios\tv1:aa\tv1:bb\t'+1\t2.3.0\t2026-11-01");
    }

    /** Runs work at once on the calling thread, as the console's adapter would on the FX thread. */
    static final class SyncTasks implements Tasks {
        @Override
        public <T> void run(String name, Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onFail) {
            T v;
            try {
                v = work.call();
            } catch (Exception e) {
                onFail.accept(e);
                return;
            }
            onDone.accept(v);
        }

        @Override
        public <T> Repeating every(String name, Duration period, Callable<T> work, Consumer<T> onDone,
                                   Consumer<Throwable> onFail) {
            run(name, work, onDone, onFail);
            return Repeating.NONE;
        }

        @Override
        public void onUi(Runnable action) {
            action.run();
        }

        @Override
        public void shutdown() {
        }
    }

    @Test
    void aStoredValueThatIsNotAMaskIsNeverShownInTheFollowSentence() {
        // under --allow-raw-pii a raw ip can be stored in masked_ip; the window withholds it as the CSV does
        String raw = "203.0.113.77";
        String said = ExploreModel.describe(new dev.drainboard.model.MaskSummary(
                dev.drainboard.model.MaskColumn.MASKED_IP, raw, 2, 3, null, null));
        org.assertj.core.api.Assertions.assertThat(said).doesNotContain(raw).contains("withheld");
    }
}
