package io.kubenas.operator.support;

import io.kubenas.api.manifest.NasSearchManifests;
import io.kubenas.api.v1alpha1.NasSearch;

/**
 * NasSearch resources for tests, read the way the API server would treat a manifest (schema defaults
 * applied, validated) by the crds module's manifest reader.
 */
public final class Searches {
    private Searches() {
    }

    private static String withBudget(String extra) {
        return extra.contains("budget:") ? extra : extra + "\n  budget:\n    deviceHours: 1";
    }

    /** A small Fashion-MNIST DSNAS search; {@code specExtra} is more YAML under spec (indented two
     * spaces); without a budget in it the budget is one device-hour. */
    public static NasSearch fashionMnist(String name, String namespace, String specExtra) {
        String yaml = """
                apiVersion: kubenas.io/v1alpha1
                kind: NasSearch
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  dataset:
                    builtin: fashion-mnist
                  training:
                    epochs: 3
                %s
                """.formatted(name, namespace, withBudget(specExtra == null ? "" : specExtra.stripTrailing()));
        NasSearch search = NasSearchManifests.parse(yaml);
        search.getMetadata().setNamespace(namespace);
        return search;
    }
}
