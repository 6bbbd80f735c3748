package io.batos.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.cli.Main;
import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.kernel.Kernel;
import io.batos.kernel.Vessel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CURVE: keys made by {@code batos keys generate}, a client on the allow-list served, one that is
 * not refused, and a server that will not bind beyond loopback without keys.
 */
class CurveTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run batos(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anAllowedKeyIsServedAndAnUnknownOneIsRefused() throws Exception {
        Path serverKeys = dir.resolve("server");
        Path clientKeys = dir.resolve("client");
        Path strangerKeys = dir.resolve("stranger");
        Run made = batos("keys", "generate", serverKeys.toString());
        assertThat(made.exit()).as(made.err()).isZero();
        assertThat(made.out()).contains("public key: ");
        assertThat(Files.getPosixFilePermissions(serverKeys.resolve("server.key_secret")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(batos("keys", "generate", serverKeys.toString()).exit()).as("never overwrites").isEqualTo(2);
        assertThat(batos("keys", "generate", clientKeys.toString(), "--name", "client").exit()).isZero();
        assertThat(batos("keys", "generate", strangerKeys.toString(), "--name", "client").exit()).isZero();
        Files.copy(clientKeys.resolve("client.key"), serverKeys.resolve("clients/client.key"));

        ServerOptions options = ServerOptions.loopback().withCurveKeys(serverKeys);
        try (ServerFixture f = new ServerFixture(dir.resolve("image"), options)) {
            assertThat(f.server.curve()).isTrue();
            String serverKey = CurveKeys.load(serverKeys, CurveKeys.SERVER).publicKey();
            try (ImageClient allowed = ImageClient.connect(f.server.endpoint(),
                    new ImageClient.Curve(serverKey, CurveKeys.load(clientKeys, CurveKeys.CLIENT)))) {
                assertThat(allowed.result(allowed.request("ping"), Duration.ofSeconds(10)).path("pong").asBoolean())
                        .isTrue();
            }
            assertThatThrownBy(() -> ImageClient.connect(f.server.endpoint(),
                    new ImageClient.Curve(serverKey, CurveKeys.load(strangerKeys, CurveKeys.CLIENT)),
                    Duration.ofMillis(2_500)).close())
                    .isInstanceOf(ImageException.class).hasMessageContaining("no reply")
                    .hasMessageContaining("allow this client's key");
            assertThatThrownBy(() -> ImageClient.connect(f.server.endpoint(), null, Duration.ofMillis(1_500)).close())
                    .as("a client without CURVE").isInstanceOf(ImageException.class);

            // The command-line client with the same keys: the server's key as its .key file.
            Run ping = batos("client", "--connect", f.server.endpoint(), "--curve-server-key",
                    serverKeys.resolve("server.key").toString(), "--curve-keys", clientKeys.toString(), "ping");
            assertThat(ping.exit()).as(ping.err()).isZero();
            assertThat(ping.out()).contains("\"pong\" : true");
            assertThat(f.server.stats().requests()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void bindingBeyondLoopbackWithoutKeysIsRefusedInOneLine() {
        Path image = dir.resolve("image");
        try (Vessel vessel = Vessel.open(image, LivingImage.OpenMode.CREATE)) {
            assertThatThrownBy(() -> ImageServer.start(new Kernel(vessel, "net"),
                    ServerOptions.of("tcp://0.0.0.0:0", "tcp://127.0.0.1:0")))
                    .isInstanceOf(ImageException.class).hasMessageContaining("needs CURVE")
                    .extracting(e -> ((ImageException) e).code()).isEqualTo(ImageException.Code.USAGE);
            assertThatThrownBy(() -> ImageServer.start(new Kernel(vessel, "net"),
                    ServerOptions.of("tcp://127.0.0.1:0", "tcp://192.168.1.20:0")))
                    .isInstanceOf(ImageException.class).hasMessageContaining("192.168.1.20");
        }
        String previous = System.getProperty("batos.config.dir");
        System.setProperty("batos.config.dir", dir.resolve("empty-config").toString());
        try {
            Run refused = batos("serve", "--image", image.toString(), "--bind", "tcp://0.0.0.0:0");
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err().lines().toList()).hasSize(1);
            assertThat(refused.err()).startsWith("batos: refusing to serve: tcp://0.0.0.0:*").contains("CURVE");
        } finally {
            if (previous == null) {
                System.clearProperty("batos.config.dir");
            } else {
                System.setProperty("batos.config.dir", previous);
            }
        }
    }

    @Test
    void onlyLiteralLoopbackAddressesCountAsLoopback() {
        for (String local : Set.of("tcp://127.0.0.1:5555", "tcp://localhost:1", "tcp://[::1]:2", "tcp://127.8.9.10:*",
                "ipc:///tmp/batos", "inproc://x")) {
            assertThat(Endpoints.isLoopback(local)).as(local).isTrue();
        }
        for (String remote : Set.of("tcp://*:5555", "tcp://0.0.0.0:5555", "tcp://192.168.0.2:5555", "tcp://eth0:5555",
                "tcp://example.org:5555", "tcp://[::]:5555")) {
            assertThat(Endpoints.isLoopback(remote)).as(remote).isFalse();
        }
        assertThatThrownBy(() -> Endpoints.normalize("udp://x:1")).isInstanceOf(ImageException.class);
        assertThatThrownBy(() -> Endpoints.normalize("tcp://x:70000")).isInstanceOf(ImageException.class);
        assertThat(Endpoints.normalize("tcp://127.0.0.1:0")).isEqualTo("tcp://127.0.0.1:*");
    }
}
