package io.kubenas.trainer.serve;

import java.time.Duration;

/**
 * What one request may ask of the server. (The body size limit is HTTP's, {@code quarkus.http.limits.max-body-size},
 * because it must hold before a body is read.)
 *
 * @param maxBatch the most images in one request
 * @param queueTimeout how long a request waits for a free worker before it gets a 503
 */
public record ServeLimits(int maxBatch, Duration queueTimeout) {
    public static final int DEFAULT_MAX_BATCH = 64;
    public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(30);

    public ServeLimits {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("the maximum batch must be >= 1, got " + maxBatch);
        }
    }

    public static ServeLimits defaults() {
        return new ServeLimits(DEFAULT_MAX_BATCH, DEFAULT_QUEUE_TIMEOUT);
    }
}
