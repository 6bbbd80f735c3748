package io.batos.memory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * The mapping from a catalog document to the Lucene document that finds it: the field names a
 * query may use, and what goes into each.
 *
 * <p>Fields: {@code text} (the default: everything below in words, prompts and responses
 * included), {@code prompt}, {@code response}, {@code finding} (messages), {@code note}; keyword
 * fields {@code event_type}, {@code persona}, {@code state}, {@code outcome}, {@code mission_type},
 * {@code selector}, {@code rule}, {@code severity}, {@code cycle_id}, {@code parent_cycle},
 * {@code mission_brief_hash}; dates {@code date}, {@code started}, {@code ended} (see
 * {@link MemoryAnalyzers}). Stored, for hits and for following the image: {@code id} (the cycle),
 * {@code oid} (its object), {@code shard}, {@code outcome}, {@code selector}. Nothing large is
 * stored: a hit's snippet is cut from the document's texts as the image holds them.
 */
final class LuceneDocuments {
    static final String ID = "id";
    static final String OID = "oid";
    static final String SHARD = "shard";
    static final String TEXT = "text";
    static final String PROMPT = "prompt";
    static final String RESPONSE = "response";
    static final String FINDING = "finding";
    static final String NOTE = "note";
    static final String EVENT_TYPE = "event_type";
    static final String PERSONA = "persona";
    static final String STATE = "state";
    static final String OUTCOME = "outcome";
    static final String MISSION_TYPE = "mission_type";
    static final String SELECTOR = "selector";
    static final String RULE = "rule";
    static final String SEVERITY = "severity";
    static final String CYCLE_ID = "cycle_id";
    static final String PARENT_CYCLE = "parent_cycle";
    static final String MISSION_BRIEF_HASH = "mission_brief_hash";
    static final String DATE = "date";
    static final String STARTED = "started";
    static final String ENDED = "ended";
    /** Doc values for ordering hits of equal score, newest first. */
    static final String ENDED_SORT = "ended_sort";
    /** Doc values for the last tie-break, the cycle id. */
    static final String ID_SORT = "id_sort";
    static final String STORED_OUTCOME = "stored_outcome";
    static final String STORED_SELECTOR = "stored_selector";

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private LuceneDocuments() {
    }

    /** The Lucene document of catalog document {@code doc}, held by object {@code oid}. */
    static Document of(CycleDocument doc, long oid, String shard, BlobTexts texts) {
        Document d = new Document();
        d.add(new StringField(ID, doc.cycleId(), Field.Store.YES));
        d.add(new SortedDocValuesField(ID_SORT, new BytesRef(doc.cycleId())));
        d.add(new StringField(OID, Long.toString(oid), Field.Store.YES));
        d.add(new StringField(SHARD, shard, Field.Store.YES));
        keyword(d, CYCLE_ID, doc.cycleId());
        keyword(d, PARENT_CYCLE, doc.parentCycle());
        keyword(d, MISSION_BRIEF_HASH, doc.missionBriefHash());
        keyword(d, OUTCOME, doc.outcome());
        keyword(d, MISSION_TYPE, doc.missionType());
        keyword(d, SELECTOR, doc.selector());
        doc.eventTypes().forEach(v -> keyword(d, EVENT_TYPE, v));
        doc.personas().forEach(v -> keyword(d, PERSONA, v));
        new LinkedHashSet<>(doc.states()).forEach(v -> keyword(d, STATE, v));
        Set<String> rules = new LinkedHashSet<>();
        Set<String> severities = new LinkedHashSet<>();
        for (Map<String, Object> f : doc.findings()) {
            if (f.get("rule") instanceof String rule) {
                rules.add(rule);
            }
            if (f.get("severity") instanceof String severity) {
                severities.add(severity);
            }
            if (f.get("message") instanceof String message) {
                d.add(new TextField(FINDING, message, Field.Store.NO));
            }
        }
        rules.forEach(v -> keyword(d, RULE, v));
        severities.forEach(v -> keyword(d, SEVERITY, v));
        doc.notes().forEach(n -> d.add(new TextField(NOTE, n, Field.Store.NO)));
        String started = instant(doc.firstEvent());
        String ended = instant(doc.lastEvent());
        if (started != null) {
            d.add(new StringField(STARTED, started, Field.Store.NO));
            d.add(new StringField(DATE, started.substring(0, 10), Field.Store.NO));
        }
        if (ended != null) {
            d.add(new StringField(ENDED, ended, Field.Store.NO));
            if (started == null || !ended.startsWith(started.substring(0, 10))) {
                d.add(new StringField(DATE, ended.substring(0, 10), Field.Store.NO));
            }
        }
        d.add(new SortedDocValuesField(ENDED_SORT, new BytesRef(ended == null ? "" : ended)));
        for (Map<String, Object> exchange : doc.exchanges()) {
            String prompt = texts.text(exchange.get("prompt"));
            String response = texts.text(exchange.get("response"));
            if (!prompt.isEmpty()) {
                d.add(new TextField(PROMPT, prompt, Field.Store.NO));
            }
            if (!response.isEmpty()) {
                d.add(new TextField(RESPONSE, response, Field.Store.NO));
            }
        }
        d.add(new TextField(TEXT, text(doc, texts), Field.Store.NO));
        if (doc.outcome() != null) {
            d.add(new StoredField(STORED_OUTCOME, doc.outcome()));
        }
        if (doc.selector() != null) {
            d.add(new StoredField(STORED_SELECTOR, doc.selector()));
        }
        return d;
    }

    /**
     * Everything a person might search a cycle by, in words, in the order a snippet should prefer:
     * the mission, the findings and notes, the responses, the path and voices, the prompts last
     * (they repeat a lot across cycles).
     */
    static String text(CycleDocument doc, BlobTexts texts) {
        StringBuilder t = new StringBuilder();
        append(t, doc.selector());
        append(t, doc.missionType());
        append(t, doc.outcome());
        for (Map<String, Object> f : doc.findings()) {
            append(t, f.get("rule") instanceof String rule ? rule + ":" : null);
            append(t, f.get("message") instanceof String message ? message : null);
        }
        doc.notes().forEach(n -> append(t, n));
        for (Map<String, Object> exchange : doc.exchanges()) {
            append(t, texts.text(exchange.get("response")));
        }
        append(t, String.join(" ", doc.states()));
        append(t, String.join(" ", doc.personas()));
        append(t, String.join(" ", doc.eventTypes()));
        for (Map<String, Object> exchange : doc.exchanges()) {
            append(t, texts.text(exchange.get("prompt")));
        }
        return t.toString();
    }

    private static void append(StringBuilder t, String part) {
        if (part != null && !part.isBlank()) {
            if (t.length() > 0) {
                t.append('\n');
            }
            t.append(part.strip());
        }
    }

    private static void keyword(Document d, String field, String value) {
        if (value != null && !value.isBlank()) {
            d.add(new TextField(field, value, Field.Store.NO));
        }
    }

    /** A timestamp in the fixed-width form ranges need, or null when it does not parse. */
    static String instant(String timestamp) {
        if (timestamp == null) {
            return null;
        }
        try {
            return INSTANT.format(Instant.parse(timestamp));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
