package io.batos.net;

import io.batos.image.ImageException;
import io.batos.kernel.UserConfig;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.zeromq.ZCert;
import org.zeromq.ZConfig;
import org.zeromq.ZMQ;

/**
 * CURVE key pairs on disk, in the certificate format of CZMQ, pyzmq and JeroMQ ({@code NAME.key}
 * holds the public key, {@code NAME.key_secret} both), so keys made here work in any ZMQ client.
 *
 * <p>A key directory — by default {@code curve/} in the user's config directory, never inside an
 * image, whose log would keep a secret forever — holds:
 * <ul>
 *   <li>{@code server.key} and {@code server.key_secret}: the server's pair
 *       ({@code batos keys generate});</li>
 *   <li>{@code clients/}: the allow-list, one public {@code *.key} file per client that may connect
 *       (copy a client's {@code client.key} there; only certificate files belong in it);</li>
 *   <li>{@code client.key} and {@code client.key_secret}: the pair {@code batos client} presents
 *       ({@code batos keys generate --name client}).</li>
 * </ul>
 * Secret files are created readable by their owner only.
 */
public final class CurveKeys {
    public static final String SERVER = "server";
    public static final String CLIENT = "client";
    /** The allow-list directory inside a key directory. */
    public static final String CLIENTS = "clients";
    public static final String PUBLIC_SUFFIX = ".key";
    public static final String SECRET_SUFFIX = ".key_secret";

    /**
     * A CURVE key pair in Z85 text (40 characters each).
     *
     * @param publicKey the key others may know
     * @param secretKey the key that proves it
     */
    public record KeyPair(String publicKey, String secretKey) {
        public KeyPair {
            requireKey("public key", publicKey);
            requireKey("secret key", secretKey);
        }

        byte[] publicBytes() {
            return ZMQ.Curve.z85Decode(publicKey);
        }

        byte[] secretBytes() {
            return ZMQ.Curve.z85Decode(secretKey);
        }

        @Override
        public String toString() {
            // Never print a secret by accident (logs, assertion messages).
            return "KeyPair[public=" + publicKey + "]";
        }
    }

    private CurveKeys() {
    }

    /** The key directory when none is named: {@code curve/} in the user's config directory. */
    public static Path defaultDir() {
        return UserConfig.dir().resolve("curve");
    }

    /**
     * Writes a new key pair as {@code DIR/NAME.key} and {@code DIR/NAME.key_secret} (owner-only),
     * creating {@code DIR} (and, for the server, its empty {@code clients/} allow-list).
     *
     * @throws ImageException USAGE when a file of that name exists (keys are never overwritten:
     *                        clients may already trust the old one); ERROR on I/O failure
     */
    public static KeyPair generate(Path dir, String name) {
        requireName(name);
        ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
        KeyPair keys = new KeyPair(pair.publicKey, pair.secretKey);
        Path secret = dir.resolve(name + SECRET_SUFFIX);
        Path open = dir.resolve(name + PUBLIC_SUFFIX);
        for (Path p : new Path[] {secret, open}) {
            if (Files.exists(p)) {
                throw new ImageException(ImageException.Code.USAGE, p + " exists; keys are never overwritten"
                        + " (remove it first, or choose another --name)");
            }
        }
        ZCert cert = new ZCert(keys.publicKey(), keys.secretKey());
        try {
            Files.createDirectories(dir);
            if (name.equals(SERVER)) {
                Files.createDirectories(dir.resolve(CLIENTS));
            }
            try (Writer w = Files.newBufferedWriter(ownerOnly(secret), StandardCharsets.UTF_8,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                cert.saveSecret(w);
            }
            try (Writer w = Files.newBufferedWriter(open, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                cert.savePublic(w);
            }
        } catch (FileAlreadyExistsException e) {
            throw new ImageException(ImageException.Code.USAGE, e.getFile() + " exists; keys are never overwritten");
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot write keys into " + dir + ": " + e.getMessage(), e);
        }
        return keys;
    }

    /** Creates an empty file that only its owner may read or write (where the file system knows owners). */
    private static Path ownerOnly(Path file) throws IOException {
        try {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createFile(file);
        }
    }

    /**
     * Reads the pair {@code DIR/NAME.key_secret}.
     *
     * @throws ImageException NOT_FOUND when it is missing (with the command that makes it); USAGE
     *                        when the file holds no valid pair
     */
    public static KeyPair load(Path dir, String name) {
        Path secret = dir.resolve(name + SECRET_SUFFIX);
        if (!Files.isRegularFile(secret)) {
            throw new ImageException(ImageException.Code.NOT_FOUND, "no CURVE key pair " + secret
                    + " (create it with `batos keys generate " + dir + (name.equals(SERVER) ? "" : " --name " + name)
                    + "`)");
        }
        try {
            ZConfig config = ZConfig.load(secret.toString());
            String pub = config.getValue("curve/public-key");
            String sec = config.getValue("curve/secret-key");
            if (pub == null || sec == null) {
                throw new ImageException(ImageException.Code.USAGE, secret + " holds no curve public-key and secret-key");
            }
            return new KeyPair(pub, sec);
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot read " + secret + ": " + e.getMessage(), e);
        }
    }

    /**
     * A public key given as Z85 text (40 characters) or as the path of a {@code .key} certificate.
     *
     * @throws ImageException USAGE when it is neither
     */
    public static String publicKey(String keyOrFile) {
        if (keyOrFile != null && keyOrFile.length() == 40 && isZ85(keyOrFile)) {
            return keyOrFile;
        }
        Path file = Path.of(keyOrFile == null ? "" : keyOrFile);
        if (!Files.isRegularFile(file)) {
            throw new ImageException(ImageException.Code.USAGE, "not a public key: give its 40 Z85 characters or the"
                    + " path of its .key file");
        }
        try {
            String pub = ZConfig.load(file.toString()).getValue("curve/public-key");
            requireKey("public key in " + file, pub);
            return pub;
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The allow-list directory of a key directory. */
    public static Path clients(Path dir) {
        return dir.resolve(CLIENTS);
    }

    private static void requireName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}") || name.startsWith(".")) {
            throw new ImageException(ImageException.Code.USAGE, "bad key name '" + name
                    + "' (letters, digits, '.', '_' and '-')");
        }
    }

    private static void requireKey(String what, String key) {
        if (key == null || key.length() != 40 || !isZ85(key)) {
            throw new ImageException(ImageException.Code.USAGE, what + " is not 40 Z85 characters");
        }
    }

    private static final Set<Character> Z85 = Set.copyOf(
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".chars()
                    .mapToObj(c -> (char) c).toList());

    private static boolean isZ85(String text) {
        return text.chars().allMatch(c -> Z85.contains((char) c));
    }
}
