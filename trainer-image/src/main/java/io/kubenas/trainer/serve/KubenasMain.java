package io.kubenas.trainer.serve;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import picocli.CommandLine;

/**
 * The trainer's entry point: sets the HTTP configuration that only the command line knows (see
 * {@link HttpBootSettings}) as system properties, then boots Quarkus and runs the {@code @TopCommand} with
 * picocli, as the picocli extension's own runner does. The Quarkus guide's way to run code before boot is
 * a {@code @QuarkusMain} class with a {@code main} method that ends in {@code Quarkus.run}; with one present
 * the extension steps aside, which is why this class also runs picocli.
 *
 * <p>It lives in {@code serve} because HTTP exists for {@code serve}; it knows nothing of the other commands.
 */
@QuarkusMain
public class KubenasMain implements QuarkusApplication {
    @Inject
    @TopCommand
    Instance<Object> topCommand;

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        for (Map.Entry<String, String> setting : HttpBootSettings.forArguments(args).entrySet()) {
            // An explicit -Dquarkus.http.host-enabled or log level wins; the port and size follow the command line.
            boolean explicitWins = setting.getKey().equals(HttpBootSettings.HOST_ENABLED)
                    || setting.getKey().equals(HttpBootSettings.QUARKUS_LOG_LEVEL);
            if (!explicitWins || System.getProperty(setting.getKey()) == null) {
                System.setProperty(setting.getKey(), setting.getValue());
            }
        }
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
