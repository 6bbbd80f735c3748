package io.batos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.net.CurveKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code batos keys generate [DIR] [--name NAME]}: writes a CURVE key pair as {@code NAME.key}
 * (public) and {@code NAME.key_secret} (owner-only), in the certificate format every ZMQ binding
 * reads.
 *
 * <p>The default directory is {@code curve/} in the user's config directory — keys are settings of
 * a person, never part of an image. A server's pair ({@code --name server}, the default) comes with
 * an empty {@code clients/} allow-list: copy each client's {@code .key} file there. Existing keys
 * are never overwritten.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a CURVE key pair: DIR/NAME.key (public) and DIR/NAME.key_secret (secret).",
                "Allow a client on a server by copying the client's .key file into the server's DIR/clients/."})
final class KeysGenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "where to write (default: curve/ in the user's config directory)")
    Path dir;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = CurveKeys.SERVER,
            description = "the pair's name: server (default) or client, which `batos client` reads, or any other")
    String name;

    @Option(names = "--json", description = "print {\"publicKey\", \"public\", \"secret\"} as JSON")
    boolean json;

    @Override
    public Integer call() {
        Path where = dir != null ? dir : CurveKeys.defaultDir();
        CurveKeys.KeyPair keys = CurveKeys.generate(where, name);
        Path open = where.resolve(name + CurveKeys.PUBLIC_SUFFIX);
        Path secret = where.resolve(name + CurveKeys.SECRET_SUFFIX);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = ImageCommand.object();
            node.put("publicKey", keys.publicKey());
            node.put("public", open.toString());
            node.put("secret", secret.toString());
            out.println(ImageCommand.jsonText(node));
        } else {
            out.println("wrote " + open + " and " + secret);
            out.println("public key: " + keys.publicKey());
            if (name.equals(CurveKeys.SERVER)) {
                out.println("allow a client: copy its .key file into " + CurveKeys.clients(where) + "/");
            } else {
                out.println("allow it on a server: copy " + open + " into the server's clients/ directory");
            }
        }
        out.flush();
        return 0;
    }
}
