package io.batos.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.code.Finding;
import io.batos.code.Verdict;

/**
 * A {@link Verdict} as JSON, the one shape every client sees:
 * {@code {"accepted", "findings": [{"rule", "severity", "message", "line", "column"}]}}.
 */
public final class VerdictJson {
    private VerdictJson() {
    }

    public static ObjectNode toJson(Verdict verdict) {
        ObjectNode node = ValueJson.MAPPER.createObjectNode();
        node.put("accepted", verdict.accepted());
        ArrayNode findings = node.putArray("findings");
        for (Finding finding : verdict.findings()) {
            ObjectNode item = findings.addObject();
            item.put("rule", finding.rule());
            item.put("severity", finding.severity().word());
            item.put("message", finding.message());
            item.put("line", finding.line());
            item.put("column", finding.column());
        }
        return node;
    }
}
