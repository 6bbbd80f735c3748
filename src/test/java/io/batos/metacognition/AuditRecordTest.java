package io.batos.metacognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The record: it keeps exactly the fifteen fields of an event, writes them as one JSON line in a
 * fixed order with every null written out, reads back what it wrote, and refuses — naming the
 * field — every line or value that is not a record.
 */
class AuditRecordTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ofKeepsExactlyTheFifteenFieldsOfAnEvent() {
        AuditRecord record = AuditRecord.of(AuditRecords.validationFailureEvent());
        Map<String, Object> map = record.toMap();
        assertThat(map.keySet()).containsExactlyElementsOf(AuditRecord.FIELDS).hasSize(15)
                .doesNotContain("parent_cycle", "note");
        assertThat(record.timestamp()).isEqualTo(Instant.parse("2026-11-26T09:30:00.123456Z"));
        assertThat(record.artifactOid()).isEqualTo(42L);
        assertThat(record.transactionId()).isNull();
        assertThat(record.validationResult()).containsExactly(new AuditFinding("covenant", "error",
                "a path that changes state does not end in self.markChanged()", 3, 5));
    }

    @Test
    void anAbsentFieldIsNullBecauseItDoesNotApply() {
        Map<String, Object> event = AuditRecords.validationFailureEvent();
        event.remove("selector");
        event.remove("validation_result");
        AuditRecord record = AuditRecord.of(event);
        assertThat(record.selector()).isNull();
        assertThat(record.validationResult()).isNull();
        assertThat(record.toMap()).containsEntry("selector", null).containsEntry("validation_result", null);
    }

    @Test
    void aLineHasTheFifteenKeysInOrderNullsIncludedAndReadsBackEqual() throws Exception {
        Map<String, Object> event = AuditRecords.validationFailureEvent();
        event.put("llm_prompt", "line one\nline two\r\n\u2028 \"quoted\" \u00e9\u4e2d \uD83D\uDE00");
        AuditRecord record = AuditRecord.of(event);
        String line = record.toJson();
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        JsonNode node = JSON.readTree(line);
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyElementsOf(AuditRecord.FIELDS);
        assertThat(node.get("transaction_id").isNull()).isTrue();
        assertThat(node.get("timestamp").asText()).isEqualTo("2026-11-26T09:30:00.123456Z");
        assertThat(AuditRecord.fromJson(line)).isEqualTo(record);
        byte[] utf8 = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        assertThat(AuditRecord.fromJson(utf8, 2, utf8.length - 4)).isEqualTo(record);
    }

    @Test
    void aLoneSurrogateFromAModelSurvivesTheRoundTrip() {
        Map<String, Object> event = AuditRecords.validationFailureEvent();
        event.put("llm_response_raw", "half an emoji: \uD83D");
        AuditRecord record = AuditRecord.of(event);
        assertThat(AuditRecord.fromJson(record.toJson())).isEqualTo(record);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "a key missing      | ,\"selector\":\"fibonacci\"               |                                       | missing field(s) [selector]",
        "an unknown key     | \"selector\":\"fibonacci\"                | \"selector\":\"fibonacci\",\"note\":\"hi\" | unknown field 'note'",
        "a key twice        | \"selector\":\"fibonacci\"                | \"selector\":\"a\",\"selector\":\"b\"      | not JSON: Duplicate field 'selector'",
        "a number as text   | \"artifact_oid\":42                     | \"artifact_oid\":\"42\"                   | artifact_oid must be an integer or null, not a string",
        "a fraction         | \"artifact_oid\":42                     | \"artifact_oid\":4.2                    | artifact_oid must be an integer or null, not the number 4.2",
        "an unknown event   | \"event_type\":\"VALIDATION_FAILURE\"     | \"event_type\":\"DAYDREAM\"               | event_type 'DAYDREAM' is not one of",
        "an unknown outcome | \"final_outcome\":null                  | \"final_outcome\":\"MAYBE\"               | final_outcome 'MAYBE' is neither null nor one of",
        "a mission type     | \"mission_type\":\"method\"               | \"mission_type\":\"poem\"                 | mission_type 'poem' is not one of",
        "a short hash       | 00a08\"                                | 00a0\"                                 | mission_brief_hash '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0' is not a SHA-256",
        "a local time       | \"2026-11-26T09:30:00.123456Z\"           | \"26/11/2026\"                          | timestamp '26/11/2026' is not an ISO 8601 instant",
        "a bad severity     | \"severity\":\"error\"                    | \"severity\":\"fatal\"                    | validation_result[].severity 'fatal' is not one of",
        "a finding's extra  | \"column\":5                            | \"column\":5,\"hint\":\"x\"                 | validation_result[] must have exactly rule, severity, message, line, column",
        "a negative line    | \"line\":3                              | \"line\":-3                             | line and column must be >= 0",
    })
    void aLineThatIsNoRecordIsRefusedNamingWhy(String what, String from, String to, String message) {
        String line = AuditRecord.of(AuditRecords.validationFailureEvent()).toJson();
        assertThat(line).contains(from);
        String broken = line.replace(from, to == null ? "" : to);
        assertThatThrownBy(() -> AuditRecord.fromJson(broken)).as(what).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void timestampsAreExactlyWhatInstantWritesInUtc() {
        for (String text : List.of("2026-11-26T09:30:00Z", "2026-11-26T09:30:00.1Z", "2026-11-26T09:30:00.123Z",
                "2026-11-26T09:30:00.123456Z", "2026-11-26T09:30:00.123456789Z", "0000-01-01T00:00:00Z",
                "2024-02-29T23:59:59.999999999Z")) {
            assertThat(AuditRecord.utc(text)).as(text).isEqualTo(Instant.parse(text));
        }
        Instant now = Instant.now();
        assertThat(AuditRecord.utc(now.toString())).isEqualTo(now);
        for (String text : List.of("2026-11-26T09:30:00+01:00", "2026-11-26T09:30:00", "2026-11-26 09:30:00Z",
                "2026-11-26T09:30:00.Z", "2026-11-26T09:30:00.1234567890Z", "2026-02-30T09:30:00Z",
                "2026-11-26T24:00:00Z", "+2026-11-26T09:30:00Z", "2026-1a-26T09:30:00Z", "2026-11-26t09:30:00z")) {
            assertThat(AuditRecord.utc(text)).as(text).isNull();
        }
    }

    @Test
    void textThatIsNoJsonObjectIsRefused() {
        String line = AuditRecord.of(AuditRecords.validationFailureEvent()).toJson();
        assertThatThrownBy(() -> AuditRecord.fromJson(line.substring(0, 40))).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> AuditRecord.fromJson(line + " {}")).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> AuditRecord.fromJson("[1, 2]")).hasMessage("the line is a JSON array, not an object");
        assertThatThrownBy(() -> AuditRecord.fromJson("")).hasMessage("the line is empty");
    }

    @Test
    void theConstructorRefusesWhatTheSchemaRefuses() {
        assertThatThrownBy(() -> AuditRecords.numbered("", 1)).hasMessageContaining("cycle_id");
        assertThatThrownBy(() -> new AuditRecord(Instant.now(), "c", null, AuditRecords.HASH.toUpperCase(),
                "CYCLE_COMPLETE", null, null, null, null, null, null, null, "COMPLETE", "method", "f"))
                .hasMessageContaining("mission_brief_hash");
        assertThatThrownBy(() -> new AuditRecord(Instant.parse("+10000-01-01T00:00:00Z"), "c", null, AuditRecords.HASH,
                "CYCLE_COMPLETE", null, null, null, null, null, null, null, "COMPLETE", "method", "f"))
                .hasMessageContaining("0000-9999");
        assertThatThrownBy(() -> new AuditFinding("trial", "info", "threw", 0, 0)).hasMessageContaining("severity");
    }
}
