package io.annometrics.bench;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

/**
 * A deterministic stream of realistic events for one project over the year 2025 (local days in
 * Asia/Kolkata), one JSON object at a time, with bounded memory whatever the count.
 *
 * <p>Time: the year is cut into 15-minute slots; each slot gets a share of the events proportional to
 * how many people work then, summed over three zones (working hours heavy, lunch dip, quiet nights,
 * quiet weekends, a slow start and a Christmas lull, day-to-day noise). Events come out in time
 * order. Types: about 45% creations, 35% updates, 5% deletions, 15% accepts and rejects. Follow-up
 * events pick a recently created annotation (exponentially distributed age); updates are made by the
 * author half of the time, else mostly by the four reviewers, sometimes by a peer.
 */
final class EventGenerator {

    static final ZoneId HOME_ZONE = ZoneId.of("Asia/Kolkata");
    static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);

    static final String[] TYPES = { "ANNOTATION_CREATED", "ANNOTATION_UPDATED", "ANNOTATION_DELETED",
            "ANNOTATION_ACCEPTED", "ANNOTATION_REJECTED" };
    private static final int CREATED = 0;
    private static final int UPDATED = 1;
    private static final int DELETED = 2;
    private static final int ACCEPTED = 3;
    private static final int REJECTED = 4;
    /** Cumulative probabilities of the five types, in the order of {@link #TYPES}. */
    private static final double[] TYPE_CUMULATIVE = { 0.45, 0.80, 0.85, 0.97, 1.0 };

    static final String[] LABELS = { "car", "pedestrian", "truck", "bicycle", "traffic_light", "sign", "bus", "motorcycle" };
    private static final double[] LABEL_CUMULATIVE = Team.cumulative(new double[] { 35, 20, 12, 10, 8, 7, 5, 3 });

    private static final int SLOT_SECONDS = 15 * 60;
    private static final int RING = 1 << 16;

    private final String projectId;
    private final String idPrefix;
    private final long total;
    private final SplittableRandom random;
    private final Team team;
    private final long startEpochSecond;
    /** slotEnds[s]: number of events generated before the end of slot s. */
    private final long[] slotEnds;
    /** zoneCumulative[s]: which zone the actor of an event in slot s works in. */
    private final double[][] zoneCumulative;
    private final double meanAge;

    // Recently created annotations: number, author, label, deleted.
    private final int[] ringNumber = new int[RING];
    private final short[] ringAuthor = new short[RING];
    private final byte[] ringLabel = new byte[RING];
    private final boolean[] ringDeleted = new boolean[RING];
    private int ringHead;
    private int ringSize;

    private long produced;
    private int slot;
    private int nextAnnotation;
    private final long[] typeCounts = new long[TYPES.length];

    EventGenerator(String projectId, String idPrefix, long total, long seed) {
        this.projectId = projectId;
        this.idPrefix = idPrefix;
        this.total = total;
        this.random = new SplittableRandom(seed);
        this.team = new Team(seed * 31 + 7);
        this.startEpochSecond = FIRST_DAY.atStartOfDay(HOME_ZONE).toEpochSecond();
        int slots = (int) ((LAST_DAY.plusDays(1).atStartOfDay(HOME_ZONE).toEpochSecond() - startEpochSecond) / SLOT_SECONDS);
        this.slotEnds = new long[slots];
        this.zoneCumulative = new double[slots][];
        planSlots(seed);
        // Follow-ups touch annotations created within about half a day of work.
        this.meanAge = Math.max(200, 0.45 * total / 365 / 2);
    }

    long total() {
        return total;
    }

    long produced() {
        return produced;
    }

    boolean hasNext() {
        return produced < total;
    }

    /** Counts of generated events, by type in the order of {@link #TYPES}. */
    long[] typeCounts() {
        return typeCounts.clone();
    }

    /** Appends the next event as one JSON object, without a newline. */
    void appendNext(StringBuilder out) {
        if (!hasNext()) {
            throw new IllegalStateException("all " + total + " events were generated");
        }
        while (slotEnds[slot] <= produced) {
            slot++;
        }
        long slotFirst = slot == 0 ? 0 : slotEnds[slot - 1];
        long inSlot = slotEnds[slot] - slotFirst;
        long epochSecond = startEpochSecond + (long) slot * SLOT_SECONDS + (produced - slotFirst) * SLOT_SECONDS / inSlot;
        int zone = Team.pick(zoneCumulative[slot], random.nextDouble());

        int type = Team.pick(TYPE_CUMULATIVE, random.nextDouble());
        int position = type == CREATED ? -1 : recentAnnotation();
        if (position < 0) {
            type = CREATED;
        }
        int actor;
        int annotation;
        int author;
        int label;
        if (type == CREATED) {
            actor = random.nextDouble() < 0.03 ? team.reviewer(random) : team.annotator(zone, random);
            annotation = nextAnnotation++;
            author = actor;
            label = Team.pick(LABEL_CUMULATIVE, random.nextDouble());
            remember(annotation, actor, label);
        } else {
            annotation = ringNumber[position];
            author = ringAuthor[position];
            label = ringLabel[position];
            actor = followUpActor(type, author, zone);
            if (type == UPDATED && random.nextDouble() < 0.12) {
                label = Team.pick(LABEL_CUMULATIVE, random.nextDouble());
                ringLabel[position] = (byte) label;
            } else if (type == DELETED) {
                ringDeleted[position] = true;
            }
        }
        typeCounts[type]++;

        out.append("{\"id\":\"").append(idPrefix).append('e').append(produced)
                .append("\",\"projectId\":\"").append(projectId)
                .append("\",\"type\":\"").append(TYPES[type])
                .append("\",\"actor\":\"").append(team.name(actor))
                .append("\",\"annotationId\":\"").append(idPrefix).append('a').append(annotation)
                .append("\",\"occurredAt\":\"");
        appendTimestamp(out, epochSecond, team.zone(actor));
        out.append('"');
        // Producers sometimes know the author and say so.
        if (type != CREATED && random.nextDouble() < 0.2) {
            out.append(",\"author\":\"").append(team.name(author)).append('"');
        }
        out.append(",\"assetId\":\"").append(idPrefix).append("img-").append(annotation / 6)
                .append("\",\"label\":\"").append(LABELS[label]).append("\"}");
        produced++;
    }

    private int followUpActor(int type, int author, int zone) {
        double u = random.nextDouble();
        double byAuthor = switch (type) {
            case UPDATED -> 0.50;
            case DELETED -> 0.35;
            default -> 0.0;
        };
        double byReviewer = switch (type) {
            case UPDATED -> 0.90;
            case DELETED -> 0.90;
            default -> 0.92;
        };
        if (u < byAuthor) {
            return author;
        }
        if (u < byReviewer) {
            return team.reviewer(random);
        }
        return team.annotator(zone, random);
    }

    /** A position in the ring of a recent annotation that is not deleted, or -1. */
    private int recentAnnotation() {
        if (ringSize == 0) {
            return -1;
        }
        for (int attempt = 0; attempt < 4; attempt++) {
            int age = (int) (-Math.log(1 - random.nextDouble()) * meanAge);
            if (age >= ringSize) {
                age = random.nextInt(ringSize);
            }
            int position = Math.floorMod(ringHead - 1 - age, RING);
            if (!ringDeleted[position]) {
                return position;
            }
        }
        return -1;
    }

    private void remember(int annotation, int author, int label) {
        ringNumber[ringHead] = annotation;
        ringAuthor[ringHead] = (short) author;
        ringLabel[ringHead] = (byte) label;
        ringDeleted[ringHead] = false;
        ringHead = (ringHead + 1) % RING;
        ringSize = Math.min(ringSize + 1, RING);
    }

    /** Spreads the events over the slots, in proportion to how many people work in each. */
    private void planSlots(long seed) {
        int slots = slotEnds.length;
        double[] weights = new double[slots];
        double sum = 0;
        for (int s = 0; s < slots; s++) {
            Instant at = Instant.ofEpochSecond(startEpochSecond + (long) s * SLOT_SECONDS);
            double[] zones = new double[Team.ZONES.length];
            double slotWeight = 0;
            for (int z = 0; z < zones.length; z++) {
                ZonedDateTime local = at.atZone(Team.ZONES[z]);
                zones[z] = Team.ZONE_SHARES[z] * hourWeight(local.getHour() * 60 + local.getMinute())
                        * dayWeight(local.toLocalDate(), seed, z);
                slotWeight += zones[z];
            }
            zoneCumulative[s] = Team.cumulative(slotWeight > 0 ? zones : Team.ZONE_SHARES);
            weights[s] = slotWeight;
            sum += slotWeight;
        }
        double running = 0;
        for (int s = 0; s < slots; s++) {
            running += weights[s];
            slotEnds[s] = Math.round(total * (running / sum));
        }
        slotEnds[slots - 1] = total;
    }

    /** Relative activity at a local time of day (minutes after midnight). */
    private static double hourWeight(int minutes) {
        double hour = minutes / 60.0;
        if (hour < 7) {
            return 0.02;
        } else if (hour < 8) {
            return 0.15;
        } else if (hour < 9) {
            return 0.5;
        } else if (hour < 12) {
            return 1.0;
        } else if (hour < 13) {
            return 0.55;
        } else if (hour < 17) {
            return 1.0;
        } else if (hour < 18) {
            return 0.8;
        } else if (hour < 20) {
            return 0.3;
        } else if (hour < 23) {
            return 0.1;
        }
        return 0.03;
    }

    /** Relative activity of a local day: weekends, growth over the year, holidays, day-to-day noise. */
    private static double dayWeight(LocalDate day, long seed, int zone) {
        DayOfWeek dow = day.getDayOfWeek();
        double weight = dow == DayOfWeek.SATURDAY ? 0.2 : dow == DayOfWeek.SUNDAY ? 0.08 : 1.0;
        weight *= 0.7 + 0.6 * day.getDayOfYear() / 365.0;
        if ((day.getMonthValue() == 12 && day.getDayOfMonth() >= 24) || (day.getMonthValue() == 1 && day.getDayOfMonth() == 1)) {
            weight *= 0.35;
        }
        double noise = new SplittableRandom(seed ^ (day.toEpochDay() * 1_000_003L + zone)).nextDouble();
        return weight * (0.75 + 0.5 * noise);
    }

    /** ISO-8601 with the offset that {@code zone} has at that instant, e.g. 2025-03-04T09:15:07+05:30. */
    private static void appendTimestamp(StringBuilder out, long epochSecond, ZoneId zone) {
        ZoneOffset offset = zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond));
        LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, 0, offset);
        out.append(local.getYear()).append('-');
        twoDigits(out, local.getMonthValue()).append('-');
        twoDigits(out, local.getDayOfMonth()).append('T');
        twoDigits(out, local.getHour()).append(':');
        twoDigits(out, local.getMinute()).append(':');
        twoDigits(out, local.getSecond());
        out.append(offset.getId());
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
