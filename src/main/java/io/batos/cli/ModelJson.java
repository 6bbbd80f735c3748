package io.batos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.image.BlobRef;
import io.batos.kernel.ModelCore;
import io.batos.kernel.ValueJson;
import java.io.PrintWriter;
import java.util.Map;

/** The model core as {@code model info} and {@code model import} print it. */
final class ModelJson {
    private ModelJson() {
    }

    static ObjectNode describe(ModelCore core) {
        ObjectNode node = ImageCommand.object();
        node.put("name", core.name());
        node.put("kind", core.kind());
        node.put("demo", core.demo());
        if (core.server()) {
            node.put("url", core.url());
            node.put("model", core.model());
            return node;
        }
        ObjectNode files = node.putObject("files");
        for (Map.Entry<String, BlobRef> file : core.files().entrySet()) {
            ObjectNode f = files.putObject(file.getKey());
            f.put("sha256", file.getValue().sha256());
            f.put("size", file.getValue().size());
        }
        node.put("bytes", core.bytes());
        node.set("architecture", ValueJson.toJson(new java.util.LinkedHashMap<>(core.architecture())));
        node.set("adapters", ValueJson.MAPPER.valueToTree(core.adapters()));
        return node;
    }

    static void printLines(PrintWriter out, ModelCore core) {
        out.printf("name          %s%s%n", core.name(), core.demo() ? "  (demo core: a scripted fixture, not a language model)" : "");
        out.printf("kind          %s%n", core.kind());
        if (core.server()) {
            out.printf("url           %s%n", core.url());
            out.printf("model         %s%n", core.model() == null ? "(the server's default)" : core.model());
            out.flush();
            return;
        }
        core.architecture().forEach((k, v) -> out.printf("%-13s %s%n", k, v));
        out.printf("adapters      %s%n", core.adapters().isEmpty() ? "none" : String.join(", ", core.adapters()));
        out.printf("files         %d (%s)%n", core.files().size(), bytes(core.bytes()));
        core.files().forEach((name, ref) -> out.printf("  %-28s %12d  %s%n", name, ref.size(), ref.sha256()));
        out.flush();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
