package io.batos.metacognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batos.testing.AuditSchema;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code resources/schemas/audit-record.json} and {@link AuditRecord} say the same thing: the
 * schema is a valid draft 2020-12 schema that requires exactly the fifteen fields, allows no
 * others and lists the same words; and lines one accepts the other accepts, lines one refuses the
 * other refuses.
 */
class AuditSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSchemaRequiresExactlyTheFifteenFieldsAndTheSameWords() throws Exception {
        JsonNode schema = JSON.readTree(AuditSchema.TEXT);
        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(words(schema.get("required"))).isEqualTo(Set.copyOf(AuditRecord.FIELDS));
        assertThat(words(schema.get("properties").fieldNames())).isEqualTo(Set.copyOf(AuditRecord.FIELDS));
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
        JsonNode properties = schema.get("properties");
        assertThat(words(properties.at("/event_type/enum"))).isEqualTo(AuditRecord.EVENT_TYPES);
        assertThat(words(properties.at("/mission_type/enum"))).isEqualTo(AuditRecord.MISSION_TYPES);
        assertThat(properties.at("/final_outcome/enum")).hasSize(3).anyMatch(JsonNode::isNull);
        assertThat(words(properties.at("/final_outcome/enum"))).isEqualTo(AuditRecord.FINAL_OUTCOMES);
        assertThat(words(schema.at("/$defs/finding/properties/severity/enum"))).isEqualTo(AuditFinding.SEVERITIES);
    }

    @Test
    void aRecordsLinesValidateNullsAndFindingsIncluded() {
        AuditRecord full = AuditRecord.of(AuditRecords.validationFailureEvent());
        assertThat(AuditSchema.problems(full.toJson())).isEmpty(); // also: the schema passed its meta-schema
        Map<String, Object> sparse = AuditRecords.validationFailureEvent();
        sparse.keySet().retainAll(Set.of("timestamp", "cycle_id", "mission_brief_hash", "event_type", "mission_type"));
        assertThat(AuditSchema.problems(AuditRecord.of(sparse).toJson())).isEmpty();
    }

    /** Each row breaks a valid line one way; Java and the schema must both refuse it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "a key missing    | ,\"selector\":\"fibonacci\"       | ",
        "an extra key     | \"selector\":\"fibonacci\"        | \"selector\":\"fibonacci\",\"parent_cycle\":null",
        "an unknown event | \"VALIDATION_FAILURE\"          | \"VALIDATION_FAIL\"",
        "an outcome       | \"final_outcome\":null          | \"final_outcome\":\"DONE\"",
        "a mission type   | \"method\"                      | \"function\"",
        "a hash in caps   | \"9f86d0                        | \"9F86D0",
        "a local time     | 123456Z                         | 123456+01:00",
        "an oid as text   | \"artifact_oid\":42             | \"artifact_oid\":\"42\"",
        "a null cycle     | \"cycle_id\":\"a1b2c3d4e5f6\"     | \"cycle_id\":null",
        "a severity       | \"error\"                       | \"fatal\"",
        "a finding's key  | \"column\":5                    | \"column\":5,\"hint\":\"x\"",
        "a line as text   | \"line\":3                      | \"line\":\"3\"",
    })
    void whatJavaRefusesTheSchemaRefuses(String what, String from, String to) {
        String line = AuditRecord.of(AuditRecords.validationFailureEvent()).toJson();
        assertThat(line).as(what).contains(from);
        String broken = line.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to == null ? "" : to));
        assertThatThrownBy(() -> AuditRecord.fromJson(broken)).as(what).isInstanceOf(IllegalArgumentException.class);
        assertThat(AuditSchema.problems(broken)).as(what).isNotEmpty();
    }

    private static Set<String> words(Iterable<JsonNode> nodes) {
        Set<String> out = new HashSet<>();
        nodes.forEach(n -> {
            if (!n.isNull()) {
                out.add(n.asText());
            }
        });
        return out;
    }

    private static Set<String> words(java.util.Iterator<String> names) {
        Set<String> out = new HashSet<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
