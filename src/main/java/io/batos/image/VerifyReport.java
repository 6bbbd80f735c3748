package io.batos.image;

import java.util.List;

/**
 * The outcome of reading a whole image back: every record's checksum, every state decodable, the
 * index equal to what the log says, every referenced blob present.
 *
 * @param records  records read
 * @param objects  objects the log defines
 * @param problems what disagrees (empty: the image is sound)
 * @param recovery what opening had to do first
 */
public record VerifyReport(long records, long objects, List<String> problems, OpenReport recovery) {
    public boolean ok() {
        return problems.isEmpty();
    }
}
