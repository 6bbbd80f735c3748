package io.batos.kernel;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The user's configuration directory (DESIGN.md §12): window state, settings and secrets that must
 * never enter an image — {@code batos.config.dir} when set (tests use it), else
 * {@code $XDG_CONFIG_HOME/batos}, else {@code ~/.config/batos}.
 */
public final class UserConfig {
    /**
     * The file of API keys for model servers: {@code host:port = key}, {@code host = key} or
     * {@code default = key} lines ({@code #} starts a comment). Not a properties file: its colons
     * would split the keys.
     */
    public static final String API_KEYS = "api-keys.conf";

    private UserConfig() {
    }

    public static Path dir() {
        String override = System.getProperty("batos.config.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "batos");
        }
        return Path.of(System.getProperty("user.home"), ".config", "batos");
    }

    /**
     * The API key for a server: {@code BATOS_API_KEY} from the environment, else the entry for the
     * server's {@code host:port} (then {@code host}, then {@code default}) in {@link #API_KEYS};
     * null when there is none (local servers usually need none).
     */
    public static String apiKey(URI server) {
        String env = System.getenv("BATOS_API_KEY");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        Path file = dir().resolve(API_KEYS);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        java.util.Map<String, String> keys = new java.util.HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (!line.isBlank() && !line.strip().startsWith("#") && eq > 0) {
                    keys.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            return null;
        }
        String host = server.getHost();
        String withPort = server.getPort() > 0 ? host + ":" + server.getPort() : host;
        for (String name : new String[] {withPort, host, "default"}) {
            String key = name == null ? null : keys.get(name);
            if (key != null && !key.isBlank()) {
                return key.strip();
            }
        }
        return null;
    }
}
