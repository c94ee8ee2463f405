package io.kubenas.trainer.serve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Quarkus opens its HTTP port while the application boots, before picocli has parsed a single argument, so
 * {@code serve --port N} cannot be an ordinary option. This reads the few arguments that shape the HTTP
 * server from the raw command line, before boot, and turns them into Quarkus runtime configuration:
 * <ul>
 *   <li>{@code serve ...} and {@code run ... --serve}: HTTP on {@code --port} (default
 *       {@code quarkus.http.port}, 8080), with {@code --max-request-bytes} as the body size limit;</li>
 *   <li>every other command ({@code search}, {@code evaluate}, {@code engine}, {@code --help}): no HTTP
 *       listener at all ({@code quarkus.http.host-enabled=false}), so a trainer pod opens no port and two
 *       local runs never fight over 8080.</li>
 * </ul>
 * Quarkus' own INFO lines at boot and stop ("started in 1.5s. Listening on: ...", "Installed features", "stopped
 * in 0.05s") describe the HTTP server; they are kept for {@code serve} and silenced ({@link #QUARKUS_LOG_LEVEL}
 * WARN) for every other command, {@code run --serve} included: it prints its own "serving:" line once the
 * child is served, which is long after boot.
 *
 * <p>picocli still parses and validates the same options afterwards; this only reads what it can understand
 * and leaves mistakes for picocli to report (with HTTP off, since the command will not run).
 */
public final class HttpBootSettings {
    public static final String HOST_ENABLED = "quarkus.http.host-enabled";
    public static final String PORT = "quarkus.http.port";
    public static final String MAX_BODY_SIZE = "quarkus.http.limits.max-body-size";
    public static final String QUARKUS_LOG_LEVEL = "quarkus.log.category.\"io.quarkus\".level";

    private static final Pattern MEMORY_SIZE = Pattern.compile("[0-9]{1,15}[KkMmGg]?");

    private HttpBootSettings() {
    }

    /** The configuration to set before Quarkus boots, for these arguments. */
    public static Map<String, String> forArguments(String... args) {
        Map<String, String> settings = new LinkedHashMap<>();
        String command = subcommand(args);
        boolean serving = "serve".equals(command) || ("run".equals(command) && hasFlag(args, "--serve"));
        if (!"serve".equals(command)) {
            settings.put(QUARKUS_LOG_LEVEL, "WARN");
        }
        if (!serving) {
            settings.put(HOST_ENABLED, "false");
            return settings;
        }
        String port = optionValue(args, "--port");
        if (port != null) {
            if (!isPort(port)) {
                settings.put(HOST_ENABLED, "false");
                return settings;
            }
            settings.put(PORT, port);
        }
        String maxBytes = optionValue(args, "--max-request-bytes");
        if (maxBytes != null) {
            if (!isMemorySize(maxBytes)) {
                settings.put(HOST_ENABLED, "false");
                return settings;
            }
            settings.put(MAX_BODY_SIZE, maxBytes);
        }
        settings.put(HOST_ENABLED, "true");
        return settings;
    }

    /** A TCP port: 0 (any free one) to 65535. */
    public static boolean isPort(String value) {
        try {
            int port = Integer.parseInt(value);
            return port >= 0 && port <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A size as Quarkus reads it: bytes, or a number with K, M or G (e.g. {@code 16M}). */
    public static boolean isMemorySize(String value) {
        return MEMORY_SIZE.matcher(value).matches() && bytes(value) > 0;
    }

    /** Bytes in a {@link #isMemorySize valid} size. */
    public static long bytes(String value) {
        char unit = Character.toUpperCase(value.charAt(value.length() - 1));
        long scale = switch (unit) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1L;
        };
        String digits = scale == 1 ? value : value.substring(0, value.length() - 1);
        return Long.parseLong(digits) * scale;
    }

    /** The first argument that is not an option: picocli's subcommand (the top command takes no option values). */
    private static String subcommand(String[] args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return null;
            }
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    private static boolean hasFlag(String[] args, String flag) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals(flag) || arg.equals(flag + "=true")) {
                return true;
            }
        }
        return false;
    }

    /** The value of {@code --name VALUE} or {@code --name=VALUE}; the last one wins, as in picocli. */
    private static String optionValue(String[] args, String name) {
        String value = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals(name) && i + 1 < args.length) {
                value = args[++i];
            } else if (arg.startsWith(name + "=")) {
                value = arg.substring(name.length() + 1);
            }
        }
        return value;
    }
}
