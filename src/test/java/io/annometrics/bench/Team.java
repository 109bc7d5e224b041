package io.annometrics.bench;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The 200 people of the generated project: 4 reviewers who make most corrections and 196 annotators
 * whose activity follows a Zipf law (a few very active ones, a long tail), spread over three time zones.
 */
final class Team {

    static final ZoneId[] ZONES = { ZoneId.of("Asia/Kolkata"), ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York") };
    /** Share of the annotators (and of the work) in each zone. */
    static final double[] ZONE_SHARES = { 0.60, 0.25, 0.15 };

    static final int PEOPLE = 200;
    static final int REVIEWERS = 4;
    private static final double ZIPF_EXPONENT = 1.07;
    /** Relative activity of reviewers 1..4 (reviewer-1 is the lead). */
    private static final double[] REVIEWER_WEIGHTS = { 1.0, 0.6, 0.35, 0.2 };
    private static final int[] REVIEWER_ZONES = { 0, 0, 1, 0 };

    private final String[] names = new String[PEOPLE];
    private final int[] zoneOf = new int[PEOPLE];
    private final int[][] annotatorsByZone = new int[ZONES.length][];
    private final double[][] annotatorCumulative = new double[ZONES.length][];
    private final double[] reviewerCumulative = cumulative(REVIEWER_WEIGHTS);

    Team(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Integer>> members = new ArrayList<>();
        List<List<Double>> weights = new ArrayList<>();
        for (int z = 0; z < ZONES.length; z++) {
            members.add(new ArrayList<>());
            weights.add(new ArrayList<>());
        }
        for (int r = 0; r < REVIEWERS; r++) {
            names[r] = "reviewer-" + (r + 1);
            zoneOf[r] = REVIEWER_ZONES[r];
        }
        for (int person = REVIEWERS; person < PEOPLE; person++) {
            int rank = person - REVIEWERS;
            names[person] = String.format("annotator-%03d", rank + 1);
            int zone = pick(cumulative(ZONE_SHARES), random.nextDouble());
            zoneOf[person] = zone;
            members.get(zone).add(person);
            weights.get(zone).add(1.0 / Math.pow(rank + 1, ZIPF_EXPONENT));
        }
        for (int z = 0; z < ZONES.length; z++) {
            annotatorsByZone[z] = members.get(z).stream().mapToInt(Integer::intValue).toArray();
            annotatorCumulative[z] = cumulative(weights.get(z).stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    String name(int person) {
        return names[person];
    }

    ZoneId zone(int person) {
        return ZONES[zoneOf[person]];
    }

    /** An annotator working in {@code zone}, by Zipf-distributed activity. */
    int annotator(int zone, SplittableRandom random) {
        return annotatorsByZone[zone][pick(annotatorCumulative[zone], random.nextDouble())];
    }

    /** A reviewer, the lead most often. */
    int reviewer(SplittableRandom random) {
        return pick(reviewerCumulative, random.nextDouble());
    }

    /** Running sums of {@code weights}, normalised so that the last is 1. */
    static double[] cumulative(double[] weights) {
        double[] sums = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
            sums[i] = total;
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] /= total;
        }
        return sums;
    }

    /** The index whose cumulative range holds {@code u} in [0, 1). */
    static int pick(double[] cumulative, double u) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > u) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
