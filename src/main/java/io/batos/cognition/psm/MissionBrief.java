package io.batos.cognition.psm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a cognitive cycle is asked to do: teach a receiver a selector it does not understand (a
 * method mission), or produce a data object that satisfies a covenant (a data mission).
 *
 * <p>Rendered parts (arguments, slots) are JSON text made by the layer that built the brief, so the
 * state machine only ever puts them into prompts. A corrective cycle's brief carries the flawed
 * artifact, the findings that refused it and the rules it broke.
 *
 * @param type             {@code method} or {@code data}
 * @param receiver         the receiver's oid (method missions), 0 for data missions
 * @param selector         the selector to teach, or null for a data mission
 * @param argumentsJson    the arguments as a JSON array
 * @param slotsJson        the receiver's own data slots as JSON (a summary)
 * @param inherited        the selectors the receiver already understands
 * @param caller           who sent the message, when known, else null
 * @param covenant         the covenant a data mission's answer must satisfy, else null
 * @param description      what a data mission asks for, else null
 * @param depth            0 for a first cycle, n for the n-th correction
 * @param flawedArtifact   the artifact a correction replaces, else null
 * @param findings         every finding against it, one per line, else empty
 * @param rules            the rules or schema it broke, else empty
 */
public record MissionBrief(String type, long receiver, String selector, String argumentsJson, String slotsJson,
                           List<String> inherited, String caller, String covenant, String description, int depth,
                           String flawedArtifact, List<String> findings, String rules) {
    public static final String METHOD = "method";
    public static final String DATA = "data";

    public MissionBrief {
        Objects.requireNonNull(type, "type");
        inherited = List.copyOf(inherited == null ? List.of() : inherited);
        findings = List.copyOf(findings == null ? List.of() : findings);
        rules = rules == null ? "" : rules;
        argumentsJson = argumentsJson == null ? "[]" : argumentsJson;
        slotsJson = slotsJson == null ? "{}" : slotsJson;
    }

    /** A method mission: teach {@code receiver} the selector. */
    public static MissionBrief method(long receiver, String selector, String argumentsJson, String slotsJson,
                                      List<String> inherited, String caller) {
        return new MissionBrief(METHOD, receiver, selector, argumentsJson, slotsJson, inherited, caller, null, null, 0,
                null, List.of(), "");
    }

    /** A data mission: an object satisfying {@code covenant}, as {@code description} asks. */
    public static MissionBrief data(String covenant, String description) {
        return new MissionBrief(DATA, 0, null, "[]", "{}", List.of(), null, covenant, description, 0, null, List.of(), "");
    }

    public boolean isMethod() {
        return METHOD.equals(type);
    }

    /** The brief of the correction of a refused artifact, one level deeper. */
    public MissionBrief correction(String artifact, List<String> allFindings, String brokenRules) {
        return new MissionBrief(type, receiver, selector, argumentsJson, slotsJson, inherited, caller, covenant,
                description, depth + 1, artifact, allFindings, brokenRules);
    }

    /** The SHA-256 of the brief's mission (not its correction history): the audit log's mission_brief_hash. */
    public String hash() {
        String mission = type + "\n" + receiver + "\n" + selector + "\n" + argumentsJson + "\n" + covenant + "\n"
                + description;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(mission.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The brief as a persistable map, for the cycle object's {@code missionBrief} slot. */
    public Map<String, Object> toSlot() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", type);
        if (isMethod()) {
            map.put("receiver", receiver);
            map.put("selector", selector);
            map.put("arguments", argumentsJson);
        } else {
            map.put("covenant", covenant);
            map.put("description", description);
        }
        map.put("depth", (long) depth);
        map.put("hash", hash());
        return map;
    }
}
