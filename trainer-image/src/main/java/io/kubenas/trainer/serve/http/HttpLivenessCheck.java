package io.kubenas.trainer.serve.http;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /q/health/live}: answering at all is the check. A wedged predictor does not make the process dead
 * (requests time out with a 503 instead), so liveness never restarts a server that is only busy.
 */
@Liveness
@ApplicationScoped
public class HttpLivenessCheck implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("http");
    }
}
