package io.batos.cli;

import io.batos.image.ImageException;
import io.batos.kernel.Kernel;
import io.batos.kernel.AutotelicLoop;
import io.batos.kernel.Vessel;
import io.batos.net.CurveKeys;
import io.batos.net.Endpoints;
import io.batos.net.ImageServer;
import io.batos.net.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code batos serve}: opens the image headless and serves it over ZMQ until SIGINT or SIGTERM
 * (DESIGN §10).
 *
 * <p>When ready it prints exactly one line on stdout, {@code serving IMAGE on BIND (events
 * EVENTS)}, with wildcard ports resolved, so scripts and tests know when and where to connect.
 * On a stop signal it closes the server (refusing waiting requests, letting running ones reply),
 * then the vessel — the image last, in a {@code finally} — and exits 0.
 *
 * <p>Binding anything beyond loopback needs CURVE keys: {@code --curve-keys DIR}, or the default
 * key directory in the user's config directory when it holds a server pair; without them the
 * command refuses in one line before opening anything.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the image over ZMQ (ROUTER for requests, PUB for events) until SIGINT/SIGTERM.",
                "Beyond loopback, CURVE keys are required (see `batos keys generate`)."})
final class ServeCommand extends ImageCommand {
    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = Endpoints.DEFAULT_BIND,
            description = "request endpoint (default: ${DEFAULT-VALUE}; port 0 or * picks a free one)")
    String bind;

    @Option(names = "--events", paramLabel = "ADDR", defaultValue = Endpoints.DEFAULT_EVENTS,
            description = "event endpoint (default: ${DEFAULT-VALUE})")
    String events;

    @Option(names = "--curve-keys", paramLabel = "DIR",
            description = {"CURVE key directory: server.key_secret and the allowed client keys in clients/",
                    "(default beyond loopback: curve/ in the user's config directory)"})
    Path curveKeys;

    @Option(names = "--max-message-bytes", paramLabel = "N",
            description = "largest request accepted (default: 1048576; larger ones drop the connection)")
    long maxMessageBytes = ServerOptions.DEFAULT_MAX_MESSAGE_BYTES;

    @Override
    public Integer call() throws InterruptedException {
        ServerOptions options = ServerOptions.of(bind, events).withMaxMessageBytes(maxMessageBytes);
        Path keys = curveKeys;
        if (keys == null && !options.loopbackOnly()) {
            Path fallback = CurveKeys.defaultDir();
            if (!Files.isRegularFile(fallback.resolve(CurveKeys.SERVER + CurveKeys.SECRET_SUFFIX))) {
                throw new ImageException(ImageException.Code.USAGE, "refusing to serve: "
                        + ImageServer.refusal(options) + "; there are none in " + fallback);
            }
            keys = fallback;
        }
        if (keys != null) {
            // Read before the image is opened: a missing or broken key fails fast, touching nothing.
            CurveKeys.load(keys, CurveKeys.SERVER);
            options = options.withCurveKeys(keys);
        }
        try (StopSignals signals = StopSignals.install()) {
            Vessel vessel = openForWriting();
            try {
                vessel.warmUpMethods();
                wakeCognitiveCore(vessel);
                vessel.startAutotelicLoop(AutotelicLoop.configuredPeriod());
                try (ImageServer server = ImageServer.start(new Kernel(vessel, "net"), options)) {
                    out().println("serving " + image + " on " + server.endpoint() + " (events "
                            + server.eventsEndpoint() + ")" + (server.curve() ? " with CURVE" : ""));
                    out().flush();
                    String why = signals.await();
                    err().println("batos: " + why + ": stopping (" + server.stats() + ")");
                    err().flush();
                }
            } finally {
                vessel.close();
            }
        }
        return 0;
    }

    /** Starts loading the image's cognitive core, if it records one, so the first cycle does not wait for it. */
    private void wakeCognitiveCore(Vessel vessel) {
        if (vessel.cognitiveCore().record().isPresent()) {
            vessel.cognitiveCore().model().whenComplete((model, failure) -> {
                if (failure != null) {
                    err().println("batos: the cognitive core did not load: " + Failures.message(failure));
                    err().flush();
                }
            });
        }
    }
}
