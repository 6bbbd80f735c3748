package io.batos.guardian;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.regex.Pattern;

/**
 * JSON text read the strict way the Data Covenant needs: one document and nothing after it, no
 * key given twice, decimals kept as decimals.
 *
 * <p>Why strict: the text is usually a language model's answer. Jackson's defaults would quietly
 * keep the last of two {@code "steps"} keys or ignore a second document after the first, and the
 * guardian would then approve something other than what was written.
 */
final class StrictJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final Pattern SOURCE_REFERENCE = Pattern.compile(
            "\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    private StrictJson() {
    }

    /** The tree of {@code text}; a missing node when the text holds no value at all. */
    static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /**
     * What was wrong, in one line; Jackson's own references to other places
     * ({@code [Source: REDACTED …; line: 1, column: 1]}) become {@code line 1, column 1}.
     */
    static String message(JsonProcessingException e) {
        return SOURCE_REFERENCE.matcher(DataFindings.oneLine(e.getOriginalMessage())).replaceAll("line $1, column $2");
    }

    /** {@link #message} with its place ({@code line 3, column 7}) when Jackson knows it. */
    static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String what = message(e);
        return at == null || at.getLineNr() < 1 ? what : what + " (line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ")";
    }
}
