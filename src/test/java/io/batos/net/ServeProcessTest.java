package io.batos.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.batos.cli.Main;
import io.batos.image.ImageException;
import io.batos.testing.ChildJvm;
import io.batos.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batos serve} as its own process: it says where it serves in one line, answers
 * {@code batos client}, and on SIGTERM in the middle of traffic closes everything in order and
 * exits 0 — leaving an image that verifies and keeps every write it acknowledged.
 */
class ServeProcessTest {
    static final Pattern READY = Pattern.compile("serving (.+) on (tcp://\\S+) \\(events (tcp://\\S+)\\)");

    @TempDir
    Path dir;

    @Test
    void sigtermDuringTrafficClosesCleanlyAndTheImageVerifies() throws Exception {
        Path image = dir.resolve("image");
        assertThat(CurveTest.batos("image", "init", "--image", image.toString()).exit()).isZero();
        try (ChildJvm.Running child = ChildJvm.main(Main.class)
                .jvmArgs("-Xmx256m", "-Djava.awt.headless=true", "-Dbatos.config.dir=" + dir.resolve("config"))
                .args("serve", "--image", image.toString(), "--bind", "tcp://127.0.0.1:0", "--events",
                        "tcp://127.0.0.1:0")
                .start()) {
            String line = child.awaitLine(l -> l.startsWith("serving "), Duration.ofSeconds(60));
            Matcher m = READY.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            String endpoint = m.group(2);

            // The command-line client, against the real server process.
            CurveTest.Run set = CurveTest.batos("client", "--connect", endpoint, "set",
                    "{\"target\": \"lobby\", \"slot\": \"greeting\", \"value\": \"hello\"}");
            assertThat(set.exit()).as(set.err()).isZero();
            CurveTest.Run get = CurveTest.batos("client", "--connect", endpoint, "get",
                    "{\"target\": \"lobby\", \"slot\": \"greeting\"}");
            assertThat(get.out()).contains("\"result\" : \"hello\"");
            CurveTest.Run missing = CurveTest.batos("client", "--connect", endpoint, "get",
                    "{\"target\": \"lobby\", \"slot\": \"nothing\"}");
            assertThat(missing.exit()).isEqualTo(8);
            assertThat(missing.err()).startsWith("batos: not-found: ");
            assertThat(CurveTest.batos("client", "--connect", endpoint, "get", "[1]").exit()).isEqualTo(2);

            // Traffic from four clients, each writing its own slot; SIGTERM in the middle of it.
            // The signal waits until every client has had a write acknowledged (a fixed sleep lost
            // that race on a loaded 2-core CI machine), then lets traffic run on a little longer.
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLongArray progress = new AtomicLongArray(4);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            List<Future<Long>> acknowledged = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                acknowledged.add(threads.submit(() -> writer(endpoint, "k" + client, stop, progress, client)));
            }
            Eventually.until(() -> IntStream.range(0, 4).allMatch(c -> progress.get(c) > 0));
            Thread.sleep(300);
            child.process().destroy();
            int exit = child.waitFor(Duration.ofSeconds(30));
            stop.set(true);
            threads.shutdown();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(exit).as("exit code after SIGTERM; stderr: %s", child.stderr()).isZero();

            CurveTest.Run verify = CurveTest.batos("image", "verify", "--image", image.toString());
            assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
            assertThat(verify.err()).as("a clean close leaves nothing to recover").doesNotContain("recovery");
            // Every write the server acknowledged survived.
            for (int c = 0; c < 4; c++) {
                long last = acknowledged.get(c).get();
                assertThat(last).as("client %d wrote nothing before the stop", c).isPositive();
                CurveTest.Run value = CurveTest.batos("get", "lobby", "k" + c, "--image", image.toString());
                assertThat(Long.parseLong(value.out().strip())).isGreaterThanOrEqualTo(last);
            }
        }
    }

    /** Writes increasing numbers until stopped or refused; answers the last one acknowledged. */
    private static long writer(String endpoint, String slot, AtomicBoolean stop, AtomicLongArray progress,
            int index) {
        long last = 0;
        try (ImageClient client = ImageClient.connect(endpoint)) {
            for (long i = 1; !stop.get(); i++) {
                var request = client.request("set");
                request.put("target", "lobby").put("slot", slot).put("value", i);
                JsonNode reply = client.call(request, Duration.ofSeconds(3));
                if (!reply.path("ok").asBoolean()) {
                    assertThat(reply.path("error").path("message").asText()).contains("shutting down");
                    break;
                }
                last = i;
                progress.set(index, last);
            }
        } catch (ImageException e) {
            // No reply: the server has gone away, as it was told to.
        }
        return last;
    }
}
