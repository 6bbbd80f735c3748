package io.batos.kernel;

import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the demo image the README tour and the screenshots use: a counter, a bank account that
 * inherits its behaviour from a trait, a greeter, their methods, and a little history.
 *
 * <p>Every method goes through the same installer as the architect's (guardian, compiler,
 * sandbox), so the demo is also a smoke test of the whole path.
 */
public final class DemoImage {
    private DemoImage() {
    }

    static final String INCREMENT = """
            Object increment(UvmObject self, Object... args) {
                long count = (Long) self.get("count");
                self.set("count", count + 1);
                self.markChanged();
                return count + 1;
            }""";
    static final String RESET = """
            Object reset(UvmObject self, Object... args) {
                self.set("count", 0L);
                self.markChanged();
                return 0L;
            }""";
    static final String DEPOSIT = """
            Object deposit(UvmObject self, Object... args) {
                long amount = ((Number) args[0]).longValue();
                if (amount <= 0) {
                    throw new IllegalArgumentException("a deposit must be positive");
                }
                long balance = (Long) self.get("balance") + amount;
                self.set("balance", balance);
                List<Object> ledger = new ArrayList<>((List<Object>) self.get("ledger"));
                ledger.add("+" + amount);
                self.set("ledger", ledger);
                self.markChanged();
                return balance;
            }""";
    static final String WITHDRAW = """
            Object withdraw(UvmObject self, Object... args) {
                long amount = ((Number) args[0]).longValue();
                long balance = (Long) self.get("balance");
                if (amount > balance) {
                    return "insufficient funds: " + balance + " < " + amount;
                }
                self.set("balance", balance - amount);
                List<Object> ledger = new ArrayList<>((List<Object>) self.get("ledger"));
                ledger.add("-" + amount);
                self.set("ledger", ledger);
                self.markChanged();
                return balance - amount;
            }""";
    static final String GREET = """
            Object greet(UvmObject self, Object... args) {
                String name = args.length > 0 ? String.valueOf(args[0]) : "world";
                return self.get("greeting") + ", " + name + "!";
            }""";

    /**
     * Creates the demo image in {@code dir}, which must not hold an image yet.
     *
     * @return the vessel, open on the new image
     */
    public static Vessel create(Path dir) {
        if (Files.exists(dir.resolve("image.log"))) {
            throw new ImageException(ImageException.Code.USAGE, "an image already exists at " + dir);
        }
        Vessel vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE);
        try {
            populate(new Kernel(vessel, "demo"));
            return vessel;
        } catch (RuntimeException e) {
            vessel.close();
            throw e;
        }
    }

    static void populate(Kernel kernel) {
        long lobby = kernel.lobby();
        long counter = kernel.cloneInto(lobby, "counter");
        kernel.setJson(counter, "count", "0");
        install(kernel, counter, "increment", INCREMENT);
        install(kernel, counter, "reset", RESET);

        long trait = kernel.cloneInto(lobby, "accountTrait");
        kernel.setJson(trait, "comment", "\"Behaviour shared by every bank account.\"");
        install(kernel, trait, "deposit", DEPOSIT);
        install(kernel, trait, "withdraw", WITHDRAW);
        long account = kernel.cloneInto(trait, "example");
        kernel.setJson(lobby, "account", "{\"$ref\": " + account + "}");
        kernel.setJson(account, "owner", "\"Ada\"");
        kernel.setJson(account, "balance", "100");
        kernel.setJson(account, "ledger", "[\"+100\"]");

        long greeter = kernel.cloneInto(lobby, "greeter");
        kernel.setJson(greeter, "greeting", "\"Hello\"");
        install(kernel, greeter, "greet", GREET);

        kernel.send(counter, "increment");
        kernel.send(counter, "increment");
        kernel.send(account, "deposit", 50L);
        kernel.send(account, "withdraw", 30L);
        kernel.setJson(greeter, "greeting", "\"Good morning\"");
    }

    private static void install(Kernel kernel, long oid, String selector, String source) {
        MethodInstaller.Result result = kernel.install(oid, selector, source);
        if (!result.installed()) {
            throw new ImageException(ImageException.Code.ERROR, "the demo's method '" + selector
                    + "' was refused: " + result.verdict().findings());
        }
    }
}
