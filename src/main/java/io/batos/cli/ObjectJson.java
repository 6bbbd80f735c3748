package io.batos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.image.LivingImage;
import io.batos.image.Transaction;
import io.batos.kernel.ValueJson;
import io.batos.object.UvmObject;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An object as {@code batos get TARGET} prints it: {@code {"oid", "parents", "slots"}}, and with
 * inherited slots {@code "inherited": {NAME: {"value", "holder"}}} (§12).
 *
 * <p>{@code parents} is a slot like any other, but it is what a reader looks for first, so it is
 * printed once, on its own, and not again among the slots. Inherited slots are collected in lookup
 * order — parents depth-first, in order, each object once — so the holder shown for a name is the
 * one a message send would find.
 */
final class ObjectJson {
    private ObjectJson() {
    }

    static ObjectNode describe(UvmObject object, boolean inherited) {
        Transaction tx = object.transaction();
        ObjectNode node = ImageCommand.object();
        node.put("oid", object.oid());
        Object parents = tx.peek(object.oid(), LivingImage.PARENTS_SLOT);
        node.set("parents", parents == null ? ImageCommand.array() : ValueJson.toJson(parents));
        ObjectNode slots = node.putObject("slots");
        List<String> own = object.slotNames();
        for (String name : own) {
            if (!name.equals(LivingImage.PARENTS_SLOT)) {
                slots.set(name, ValueJson.toJson(tx.peek(object.oid(), name)));
            }
        }
        if (inherited) {
            ObjectNode found = node.putObject("inherited");
            Set<Long> visited = new HashSet<>();
            visited.add(object.oid());
            collectInherited(object, new LinkedHashSet<>(own), visited, found);
        }
        return node;
    }

    private static void collectInherited(UvmObject object, Set<String> seen, Set<Long> visited, ObjectNode found) {
        Transaction tx = object.transaction();
        for (UvmObject parent : object.parents()) {
            // A parent already visited or since removed is skipped, exactly as lookup skips it.
            if (!visited.add(parent.oid()) || !tx.exists(parent.oid())) {
                continue;
            }
            for (String name : parent.slotNames()) {
                if (seen.add(name)) {
                    ObjectNode entry = found.putObject(name);
                    entry.set("value", ValueJson.toJson(tx.peek(parent.oid(), name)));
                    entry.set("holder", ref(parent.oid()));
                }
            }
            collectInherited(parent, seen, visited, found);
        }
    }

    static JsonNode ref(long oid) {
        ObjectNode ref = JsonNodeFactory.instance.objectNode();
        ref.put("$ref", oid);
        return ref;
    }
}
