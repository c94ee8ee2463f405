package io.kubenas.trainer.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InferenceConcurrencyTest {
    static final int REQUESTS = 64;

    @Inject
    ModelRegistry registry;

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void serveTheTinyModelWithTwoWorkers() throws Exception {
        registry.serve(TestChildren.shared(), new ServeLimits(8, Duration.ofSeconds(30)));
    }

    @Test
    void sixtyFourParallelRequestsAreAnsweredLikeSequentialOnes() throws Exception {
        InferenceClient client = new InferenceClient(base, "tiny");
        List<InferenceClient.Answer> sequential = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            sequential.add(client.classify(TestChildren.images(batch(i), 1000 + i), batch(i), 1, 8, 8));
        }

        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<InferenceClient.Answer>> parallel = new ArrayList<>();
        try {
            for (int i = 0; i < REQUESTS; i++) {
                int request = i;
                parallel.add(pool.submit(() -> {
                    start.await();
                    return client.classify(TestChildren.images(batch(request), 1000 + request), batch(request), 1, 8, 8);
                }));
            }
            start.countDown();
            for (int i = 0; i < REQUESTS; i++) {
                InferenceClient.Answer answer = parallel.get(i).get(60, TimeUnit.SECONDS);
                InferenceClient.Answer expected = sequential.get(i);
                assertThat(answer.labels()).as("labels of request %d", i).containsExactly(expected.labels());
                assertThat(answer.probabilities()).as("probabilities of request %d", i).hasSize(batch(i) * 3);
                for (int k = 0; k < answer.probabilities().length; k++) {
                    assertThat(answer.probabilities()[k]).isCloseTo(expected.probabilities()[k], offset(1e-6f));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // The answers are not all alike: the network sees the images.
        assertThat(sequential.stream().flatMapToLong(a -> Arrays.stream(a.labels())).distinct().count()).isGreaterThan(1);
    }

    private static int batch(int request) {
        return request % 8 + 1;
    }
}
