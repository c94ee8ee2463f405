package io.kubenas.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubenas.api.v1alpha1.NasSearch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Posts core/v1 Events about a NasSearch ({@code kubectl describe nas} shows them). An Event that cannot be
 * posted is logged and dropped: Events are for people, the status is the record.
 */
@ApplicationScoped
public class EventRecorder {
    static final String COMPONENT = "kubenas-operator";
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final int MAX_MESSAGE = 1024;

    @Inject
    KubernetesClient client;

    @Inject
    Clock clock;

    public void record(NasSearch search, List<TransitionEvent> events) {
        for (TransitionEvent event : events) {
            post(search, event);
        }
    }

    private void post(NasSearch search, TransitionEvent transition) {
        String namespace = search.getMetadata().getNamespace();
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        String message = transition.message() == null ? "" : transition.message();
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withName(search.getMetadata().getName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE))
                    .withNamespace(namespace)
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(search.getApiVersion())
                        .withKind(search.getKind())
                        .withName(search.getMetadata().getName())
                        .withNamespace(namespace)
                        .withUid(search.getMetadata().getUid())
                        .build())
                .withReason(transition.reason().reason())
                .withType(transition.reason().type())
                .withMessage(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("%s/%s: could not post Event %s: %s", namespace, search.getMetadata().getName(), transition.reason().reason(), e.getMessage());
        }
    }
}
