package io.kubenas.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A Neural Architecture Search: a task (dataset and search space), a target accuracy and a compute
 * budget. The operator runs the trainer, keeps progress and the budget in status, and promotes the
 * searched child network to a serving Deployment.
 */
@Group(NasSearch.GROUP)
@Version(NasSearch.VERSION)
@Plural("nassearches")
@Singular("nassearch")
@ShortNames("nas")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class NasSearch extends CustomResource<NasSearchSpec, NasSearchStatus> implements Namespaced {
    public static final String GROUP = "kubenas.io";
    public static final String VERSION = "v1alpha1";
    public static final String KIND = "NasSearch";
    /** Name of the CRD, also the base name of its generated YAML file. */
    public static final String CRD_NAME = "nassearches." + GROUP;

    @Override
    protected NasSearchStatus initStatus() {
        return new NasSearchStatus();
    }
}
