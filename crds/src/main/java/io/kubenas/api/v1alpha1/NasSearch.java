package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
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
// Only the root sees metadata.name. The API server itself accepts any DNS-1123 subdomain; owned objects need
// a label (their names become label values and Service names), and room for the suffixes they append. The
// schema has no metadata.name for a fieldPath to point at, so the messages start with the field.
@ValidationRule(value = "!has(self.metadata.name) || self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')",
        message = "metadata.name: must be a DNS-1123 label (lower-case letters, digits and '-'; no dots)")
@ValidationRule(value = "!has(self.metadata.name) || size(self.metadata.name) <= 40",
        message = "metadata.name: must be at most 40 characters (operator-owned objects append suffixes to it)")
public class NasSearch extends CustomResource<NasSearchSpec, NasSearchStatus> implements Namespaced {
    public static final String GROUP = "kubenas.io";
    public static final String VERSION = "v1alpha1";
    public static final String KIND = "NasSearch";
    /** Name of the CRD, also the base name of its generated YAML file. */
    public static final String CRD_NAME = "nassearches." + GROUP;

    // Overridden only to describe the inherited fields (kubectl explain nassearch.spec).
    @Override
    // Required: the API server then refuses a NasSearch without a spec, so the operator never sees one.
    @Required
    @JsonPropertyDescription("What to search (strategy, dataset, search space, training), the target accuracy, the compute budget, and how to run and serve it.")
    public NasSearchSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Observed state of the search, written only by the operator: phase, progress, budget, checkpoints and the child network.")
    public NasSearchStatus getStatus() {
        return super.getStatus();
    }

    @Override
    protected NasSearchStatus initStatus() {
        return new NasSearchStatus();
    }
}
