package io.kubenas.trainer.serve.http;

import io.kubenas.trainer.serve.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health/ready}: up once the model is loaded, with its identity. */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {
    private final ModelRegistry models;

    public ModelReadinessCheck(ModelRegistry models) {
        this.models = models;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("model");
        return models.current().map(m -> response.up()
                        .withData("name", m.metadata().name())
                        .withData("version", m.metadata().version())
                        .withData("sha256", m.metadata().digest())
                        .build())
                .orElseGet(() -> response.down().withData("reason", "the model is not loaded yet").build());
    }
}
