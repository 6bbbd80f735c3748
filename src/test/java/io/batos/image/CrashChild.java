package io.batos.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The victim of the crash tests: commits transactions of 1 to 2,000 objects in a loop and prints
 * each acknowledged txId, until it is killed (or, given a count, closes cleanly).
 *
 * <p>Every transaction's note says how many objects it writes and the token it writes into each,
 * so a reader can check that each transaction present is whole. Args: image dir, seed, and
 * optionally the number of transactions after which to close the image and exit.
 */
public final class CrashChild {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        int closeAfter = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
        LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.CREATE);
        List<Long> mine = new ArrayList<>();
        System.out.println("ready " + image.lastTx());
        System.out.flush();
        for (int i = 0; i < closeAfter; i++) {
            double shape = random.nextDouble();
            int count = 1 + (int) (shape * shape * shape * 1999);
            String token = Long.toHexString(random.nextLong());
            Transaction tx = image.begin("crash n=" + count + " token=" + token, "crash-test");
            java.util.Set<Long> written = new java.util.LinkedHashSet<>();
            List<Long> created = new ArrayList<>();
            while (written.size() < count) {
                long oid;
                if (!mine.isEmpty() && random.nextInt(4) == 0) {
                    oid = mine.get(random.nextInt(mine.size()));
                    if (written.contains(oid)) {
                        continue;
                    }
                } else {
                    oid = tx.create();
                    created.add(oid);
                }
                written.add(oid);
                tx.set(oid, "token", token);
                tx.set(oid, "payload", "x".repeat(random.nextInt(200)));
            }
            long txId = tx.commit();
            mine.addAll(created);
            System.out.println("acked " + txId);
            System.out.flush();
        }
        image.close();
        System.out.println("closed");
    }
}
