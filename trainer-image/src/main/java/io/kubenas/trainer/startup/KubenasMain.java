package io.kubenas.trainer.startup;

import io.kubenas.api.progress.TrainerExitCode;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import picocli.CommandLine;

/**
 * The process's entry point: sets the HTTP configuration the command line implies ({@link HttpConfiguration})
 * and the log format the environment asks for ({@link LogConfiguration}) as system properties, then boots Quarkus
 * and runs the {@code @TopCommand} with picocli, as the picocli extension's own runner does. Code that must run
 * before boot goes in a {@code @QuarkusMain} class's {@code main}, ending in {@code Quarkus.run} (the Quarkus guide's
 * way); with one present the extension steps aside, which is why this class also runs picocli.
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
        Map<String, String> logging;
        try {
            logging = LogConfiguration.forEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            // Before boot there is no log yet; a pod so misconfigured is rejected input, not a crash worth restarting.
            System.err.println("kubenas: " + e.getMessage());
            System.exit(TrainerExitCode.INVALID_INPUT.code());
            return;
        }
        logging.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
        Quarkus.run(KubenasMain.class, args);
    }

    @Override
    public int run(String... args) {
        CommandLine commandLine = new CommandLine(topCommand.get(), factory);
        if (ConfigProvider.getConfig().getOptionalValue(LogConfiguration.CONSOLE_JSON, Boolean.class).orElse(false)) {
            commandLine.setErr(new PrintWriter(new LoggedLines(Logger.getLogger(KubenasMain.class), Logger.Level.ERROR), true));
        }
        try {
            return commandLine.execute(args);
        } finally {
            commandLine.getOut().flush();
            commandLine.getErr().flush();
        }
    }
}
