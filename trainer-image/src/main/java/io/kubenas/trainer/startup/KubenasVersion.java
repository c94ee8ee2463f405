package io.kubenas.trainer.startup;

import picocli.CommandLine.IVersionProvider;

/** Version of the trainer, from the jar manifest when packaged. */
public class KubenasVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = KubenasVersion.class.getPackage().getImplementationVersion();
        return new String[] {"kubenas trainer " + (version == null ? "development build" : version)};
    }
}
