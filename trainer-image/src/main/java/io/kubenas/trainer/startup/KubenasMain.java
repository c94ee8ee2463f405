package io.kubenas.trainer.startup;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * The process's entry point: sets the HTTP configuration the command line implies ({@link HttpConfiguration})
 * as system properties, then boots Quarkus and runs the {@code @TopCommand} with picocli, as the picocli
 * extension's own runner does. Code that must run before boot goes in a {@code @QuarkusMain} class's
 * {@code main}, ending in {@code Quarkus.run} (the Quarkus guide's way); with one present the extension steps
 * aside, which is why this class also runs picocli.
 */
@QuarkusMain
public class KubenasMain implements QuarkusApplication {
    @Inject
    @TopCommand
    Instance<Object> topCommand;

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        HttpConfiguration.forArguments(args).forEach((key, value) -> {
            if (!HttpConfiguration.EXPLICIT_WINS.contains(key) || System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
        Quarkus.run(KubenasMain.class, args);
    }

    @Override
    public int run(String... args) {
        CommandLine commandLine = new CommandLine(topCommand.get(), factory);
        try {
            return commandLine.execute(args);
        } finally {
            commandLine.getOut().flush();
            commandLine.getErr().flush();
        }
    }
}
