package io.kubenas.trainer.progress;

import io.kubenas.api.progress.TrainerProgress;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/** Sends every report to each reporter; one failing reporter never stops the others or the trainer. */
public final class CompositeProgressReporter implements ProgressReporter {
    private static final Logger LOG = Logger.getLogger(CompositeProgressReporter.class);

    private final List<ProgressReporter> reporters;

    public CompositeProgressReporter(List<ProgressReporter> reporters) {
        this.reporters = List.copyOf(reporters);
    }

    public static CompositeProgressReporter of(ProgressReporter... reporters) {
        return new CompositeProgressReporter(List.of(reporters));
    }

    public List<ProgressReporter> reporters() {
        return reporters;
    }

    @Override
    public void report(TrainerProgress progress) {
        each(r -> r.report(progress));
    }

    @Override
    public void reportNow(TrainerProgress progress) {
        each(r -> r.reportNow(progress));
    }

    @Override
    public void finish(TrainerProgress summary) {
        each(r -> r.finish(summary));
    }

    @Override
    public void close() {
        each(ProgressReporter::close);
    }

    private void each(Consumer<ProgressReporter> action) {
        for (ProgressReporter reporter : reporters) {
            try {
                action.accept(reporter);
            } catch (RuntimeException e) {
                LOG.warnf(e, "progress reporter %s failed; the search goes on", reporter.getClass().getSimpleName());
            }
        }
    }
}
