package io.batos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.image.ImageException;
import io.batos.kernel.ValueJson;
import io.batos.net.CurveKeys;
import io.batos.net.Endpoints;
import io.batos.net.ImageClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code batos client OP [JSON]}: one request to a running {@code batos serve}, its reply printed
 * as JSON on stdout — for scripts, and for poking at a server by hand.
 *
 * <p>JSON is an object whose fields join the request ({@code {"target": "lobby", "slot": "x"}});
 * an {@code id} in it is kept. The exit code follows the reply: 0 when {@code ok}, else the §12
 * exit code of its error word (with the message as the one stderr line); no reply within the
 * timeout is exit 1.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = {"Send one request to a running `batos serve` and print the reply as JSON.",
                "Example: batos client get '{\"target\": \"lobby\", \"slot\": \"greeting\"}'"})
final class ClientCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--connect", paramLabel = "ADDR", defaultValue = Endpoints.DEFAULT_BIND,
            description = "the server's request endpoint (default: ${DEFAULT-VALUE})")
    String connect;

    @Option(names = "--curve-server-key", paramLabel = "KEY",
            description = "speak CURVE to a server with this public key (40 Z85 characters, or its .key file)")
    String serverKey;

    @Option(names = "--curve-keys", paramLabel = "DIR",
            description = "directory holding this client's client.key_secret (default: curve/ in the user's config directory)")
    Path curveKeys;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "how long to wait for the reply (default: ${DEFAULT-VALUE}; a send may run a cognitive cycle)")
    long timeoutSeconds;

    @Parameters(index = "0", paramLabel = "OP", description = "the operation: ping, lookup, describe, get, set, send, "
            + "install, eval, history, cycles, cycle, approve, reject")
    String op;

    @Parameters(index = "1", arity = "0..1", paramLabel = "JSON", description = "the request's other fields, as a JSON object")
    String fields;

    @Override
    public Integer call() {
        ObjectNode request = ValueJson.MAPPER.createObjectNode();
        request.put("id", 1);
        if (fields != null) {
            JsonNode parsed;
            try {
                parsed = ValueJson.MAPPER.readTree(fields);
            } catch (Exception e) {
                throw new ImageException(ImageException.Code.USAGE, "JSON: not JSON: " + fields);
            }
            if (parsed == null || !parsed.isObject()) {
                throw new ImageException(ImageException.Code.USAGE, "JSON must be an object of fields, e.g. "
                        + "'{\"target\": \"lobby\"}'");
            }
            request.setAll((ObjectNode) parsed);
        }
        request.put("op", op);
        if (timeoutSeconds <= 0) {
            throw new ImageException(ImageException.Code.USAGE, "--timeout needs a positive number of seconds");
        }
        ImageClient.Curve curve = null;
        if (serverKey != null) {
            Path dir = curveKeys != null ? curveKeys : CurveKeys.defaultDir();
            curve = new ImageClient.Curve(CurveKeys.publicKey(serverKey), CurveKeys.load(dir, CurveKeys.CLIENT));
        } else if (curveKeys != null) {
            throw new ImageException(ImageException.Code.USAGE, "--curve-keys needs --curve-server-key (the server's public key)");
        }
        JsonNode reply;
        try (ImageClient client = ImageClient.connect(Endpoints.normalize(connect), curve)) {
            reply = client.call(request, Duration.ofSeconds(timeoutSeconds));
        }
        spec.commandLine().getOut().println(ImageCommand.jsonText(reply));
        spec.commandLine().getOut().flush();
        if (reply.path("ok").asBoolean(false)) {
            return 0;
        }
        JsonNode error = reply.path("error");
        ImageException.Code code = ImageClient.code(error.path("code").asText("error"));
        spec.commandLine().getErr().println("batos: " + code.word() + ": " + error.path("message").asText("failed"));
        spec.commandLine().getErr().flush();
        return code.exitCode();
    }
}
