package dev.drainboard.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drainboard.support.Db;
import dev.drainboard.support.TestServers;
import org.junit.jupiter.api.Test;

/**
 * A user_logins whose columns cannot hold what Drainboard writes stops the start, instead of every
 * valid login being refused by the column's type one by one and quarantined as bad data.
 */
class SchemaShapeTest {
    private static final String COLUMNS = "user_id varchar(128), device_type varchar(32), %s, "
            + "masked_device_id varchar(256), locale varchar(32), %s, create_date date";

    private static String tableWith(String maskedIp, String appVersion) {
        String jdbc = TestServers.freshDatabase();
        Db.execute(jdbc, "CREATE TABLE user_logins (" + String.format(COLUMNS, maskedIp, appVersion) + ")");
        return jdbc;
    }

    @Test
    void aMaskColumnOfAnotherTypeStopsTheStartAndSaysWhatToChange() {
        String jdbc = tableWith("masked_ip inet", "app_version varchar(32)");
        assertThatThrownBy(() -> PostgresLoginSink.open(jdbc, "postgres", "postgres", 1))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("stores masked_ip as inet")
                .hasMessageContaining("Change the column to varchar");
    }

    @Test
    void aTimestampCreateDateIsAccepted() {
        String jdbc = TestServers.freshDatabase();
        Db.execute(jdbc, "CREATE TABLE user_logins (user_id varchar(128), device_type varchar(32), masked_ip text, "
                + "masked_device_id varchar(256), locale varchar(32), app_version varchar(32), create_date timestamp)");
        PostgresLoginSink.open(jdbc, "postgres", "postgres", 1).close();
    }

    @Test
    void aNumericAppVersionIsOfferedTheMigrationLikeAnIntegerOneAndWorksAfterIt() throws Exception {
        String jdbc = tableWith("masked_ip varchar(256)", "app_version numeric");
        assertThatThrownBy(() -> PostgresLoginSink.open(jdbc, "postgres", "postgres", 1))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("stores app_version as numeric")
                .hasMessageContaining("--migrate-app-version");
        try (com.zaxxer.hikari.HikariDataSource ds = PostgresLoginSink.pool(jdbc, "postgres", "postgres", 1)) {
            assertThat(Schema.migrateAppVersion(ds)).isTrue();
        }
        PostgresLoginSink.open(jdbc, "postgres", "postgres", 1).close();
        assertThat(Db.string(jdbc, "SELECT data_type FROM information_schema.columns WHERE table_name = 'user_logins' "
                + "AND column_name = 'app_version'")).isEqualTo("character varying");
    }
}
