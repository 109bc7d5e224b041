package io.annometrics.aggregate;

import java.time.Instant;
import java.time.LocalDate;

/** The bucket sizes of the {@code tally} table, all in UTC; a bucket is named by its first instant. */
public enum TallyLevel {
    /** 15 minutes: every IANA zone offset in use is a multiple of it. */
    SLOT("slot"),
    /** A UTC day. */
    DAY("day"),
    /** A UTC month. */
    MONTH("month"),
    /** A UTC year: a year's views read one row instead of twelve (migration V6). */
    YEAR("year");

    /** Length of a slot, in seconds. */
    public static final long SLOT_SECONDS = 15 * 60;
    private static final long DAY_SECONDS = 24 * 60 * 60;

    private final String sqlName;

    TallyLevel(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The value of the {@code level} column. */
    public String sqlName() {
        return sqlName;
    }

    /** The level stored as {@code sqlName} in the {@code level} column. */
    public static TallyLevel ofSqlName(String sqlName) {
        for (TallyLevel level : values()) {
            if (level.sqlName.equals(sqlName)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown tally level " + sqlName);
    }

    /** The first instant of the bucket of this level that holds {@code instant}; plain arithmetic, as ingestion asks often. */
    public Instant bucketOf(Instant instant) {
        long second = instant.getEpochSecond();
        return switch (this) {
            case SLOT -> Instant.ofEpochSecond(Math.floorDiv(second, SLOT_SECONDS) * SLOT_SECONDS);
            case DAY -> Instant.ofEpochSecond(Math.floorDiv(second, DAY_SECONDS) * DAY_SECONDS);
            case MONTH -> startOf(LocalDate.ofEpochDay(Math.floorDiv(second, DAY_SECONDS)).withDayOfMonth(1));
            case YEAR -> startOf(LocalDate.ofEpochDay(Math.floorDiv(second, DAY_SECONDS)).withDayOfYear(1));
        };
    }

    /** The first instant of a UTC day. */
    public static Instant startOf(LocalDate day) {
        return Instant.ofEpochSecond(day.toEpochDay() * DAY_SECONDS);
    }
}
