package io.kubenas.trainer.checkpoint;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ckpt-<epoch, 6 digits>-<step, 10 digits>}, plus {@code -<n>} when a checkpoint of the same
 * epoch and step already exists (e.g. a SIGTERM checkpoint right after a resume, before any step; it
 * differs in the budget it records). Names sort by zero-padded number, and are ordered here by
 * (epoch, step, n) so the suffix never depends on string order.
 */
record CheckpointName(int epoch, long step, int duplicate) implements Comparable<CheckpointName> {
    private static final Pattern PATTERN = Pattern.compile("ckpt-(\\d{6,})-(\\d{10,})(?:-(\\d+))?");
    private static final Comparator<CheckpointName> ORDER = Comparator.comparingInt(CheckpointName::epoch)
            .thenComparingLong(CheckpointName::step).thenComparingInt(CheckpointName::duplicate);

    static Optional<CheckpointName> parse(String directoryName) {
        Matcher m = PATTERN.matcher(directoryName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int duplicate = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            return Optional.of(new CheckpointName(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), duplicate));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    CheckpointName nextDuplicate() {
        return new CheckpointName(epoch, step, duplicate + 1);
    }

    @Override
    public String toString() {
        String base = String.format("ckpt-%06d-%010d", epoch, step);
        return duplicate == 0 ? base : base + "-" + duplicate;
    }

    @Override
    public int compareTo(CheckpointName other) {
        return ORDER.compare(this, other);
    }
}
