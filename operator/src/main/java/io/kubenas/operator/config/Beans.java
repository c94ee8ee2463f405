package io.kubenas.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** CDI producers: the clock every decision reads, and the leader election the operator runs under. */
public class Beans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Only one replica reconciles (quarkus.operator-sdk activates it in the prod profile); the Lease lives
     * in the operator's namespace unless kubenas.operator.lease-namespace says otherwise.
     */
    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(OperatorSettings settings) {
        return new LeaderElectionConfiguration(settings.leaseName(), settings.leaseNamespace().orElse(null));
    }
}
