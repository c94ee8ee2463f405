package io.kubenas.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.operator.support.Searches;
import org.junit.jupiter.api.Test;

/** The in-cluster addresses status.serving gives for a served child: its model and its search report, on one Service. */
class ServingUrlsTest {
    private static final NasSearch SEARCH = Searches.fashionMnist("fashion", "team", null);

    @Test
    void theModelIsServedUnderItsNameOnTheServingService() {
        assertThat(ServingServiceDependent.url(SEARCH)).isEqualTo("http://fashion-serving.team.svc:80/v2/models/fashion");
    }

    @Test
    void theSearchReportIsServedAtReportOnTheSameService() {
        assertThat(ServingServiceDependent.reportUrl(SEARCH)).isEqualTo("http://fashion-serving.team.svc:80/report");
    }
}
