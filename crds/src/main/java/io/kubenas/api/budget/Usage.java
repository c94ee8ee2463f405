package io.kubenas.api.budget;

/**
 * Device-seconds and wall seconds a search has spent, over its attempts.
 *
 * @param deviceSeconds running time x devices
 * @param wallSeconds running time
 */
public record Usage(double deviceSeconds, double wallSeconds) {
    public static final Usage NONE = new Usage(0, 0);

    /** This usage after an attempt ran {@code elapsedSeconds} (negative counts as 0) on {@code devices}. */
    public Usage after(double elapsedSeconds, int devices) {
        double elapsed = Math.max(0.0, elapsedSeconds);
        return new Usage(deviceSeconds + elapsed * devices, wallSeconds + elapsed);
    }

    /** The larger of both per field: accounting never goes backwards. */
    public Usage atLeast(Usage other) {
        return new Usage(Math.max(deviceSeconds, other.deviceSeconds), Math.max(wallSeconds, other.wallSeconds));
    }
}
