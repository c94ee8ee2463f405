package io.kubenas.trainer.startup;

import io.kubenas.trainer.serve.ServeCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The Quarkus HTTP configuration that only the command line knows. Quarkus opens its HTTP port while it
 * boots, before a command runs, so {@link KubenasMain} sets it before boot, from the commands' own options as
 * picocli parses them:
 * <ul>
 *   <li>{@code serve ...} and {@code run ... --serve}: HTTP on {@code --port} ({@code quarkus.http.port},
 *       default 8080) with {@code --max-request-bytes} as {@code quarkus.http.limits.max-body-size};</li>
 *   <li>every other command: no HTTP listener ({@code quarkus.http.host-enabled=false}), so a trainer pod
 *       opens no port and two local runs never fight over 8080.</li>
 * </ul>
 * Quarkus' own INFO lines at boot and stop ("Listening on: ...", "Installed features") describe the HTTP
 * server: they are kept for {@code serve} and silenced for every other command, {@code run --serve} included
 * (it prints its own "serving:" line once the child is served, long after boot). Arguments picocli refuses,
 * or an out-of-range port or size, leave HTTP off: the command reports them when it runs.
 */
final class HttpConfiguration {
    static final String HOST_ENABLED = "quarkus.http.host-enabled";
    static final String PORT = "quarkus.http.port";
    static final String MAX_BODY_SIZE = "quarkus.http.limits.max-body-size";
    static final String QUARKUS_LOG_LEVEL = "quarkus.log.category.\"io.quarkus\".level";
    /** Given with {@code -D}, these win over what the command implies; the port and size always follow the command line. */
    static final Set<String> EXPLICIT_WINS = Set.of(HOST_ENABLED, QUARKUS_LOG_LEVEL);

    private HttpConfiguration() {
    }

    /** The configuration to set before Quarkus boots, for these arguments. */
    static Map<String, String> forArguments(String... args) {
        Map<String, String> settings = new LinkedHashMap<>();
        ParseResult command;
        try {
            command = new CommandLine(KubenasCommand.class).parseArgs(args).subcommand();
        } catch (ParameterException e) {
            quietUnlessServe(settings, e.getCommandLine().getCommandName());
            settings.put(HOST_ENABLED, "false");
            return settings;
        }
        String name = command == null ? null : command.commandSpec().name();
        quietUnlessServe(settings, name);
        boolean serving = "serve".equals(name) || "run".equals(name) && command.matchedOptionValue("--serve", false);
        Integer port = serving ? command.matchedOptionValue("--port", null) : null;
        String maxBytes = serving ? command.matchedOptionValue("--max-request-bytes", null) : null;
        if (!serving || port != null && !ServeCommand.isPort(port) || maxBytes != null && !ServeCommand.isMemorySize(maxBytes)) {
            settings.put(HOST_ENABLED, "false");
            return settings;
        }
        if (port != null) {
            settings.put(PORT, port.toString());
        }
        if (maxBytes != null) {
            settings.put(MAX_BODY_SIZE, maxBytes);
        }
        settings.put(HOST_ENABLED, "true");
        return settings;
    }

    private static void quietUnlessServe(Map<String, String> settings, String command) {
        if (!"serve".equals(command)) {
            settings.put(QUARKUS_LOG_LEVEL, "WARN");
        }
    }
}
