package dev.comments.bench;

import dev.comments.core.json.Jsons;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The table, printed and written as bench/results/<date>-<commit>.md, and the raw numbers as .json. */
final class Report {

    private final Bench b;
    private final Machine m;

    Report(Bench b, Machine m) {
        this.b = b;
        this.m = m;
    }

    String date() {
        return DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(m.start);
    }

    List<Row> notMet() {
        return b.rows.stream().filter(r -> r.notMeasured == null && Boolean.FALSE.equals(r.met)).toList();
    }

    String markdown() {
        StringBuilder s = new StringBuilder();
        s.append("## Bench ").append(date()).append(", commit ").append(m.commit).append(m.dirty ? " (+ local changes)" : "")
                .append("\n\n");
        s.append("Machine: ").append(m.cores).append(" cores (").append(m.cpu).append("), ").append(m.memoryMiB / 1024)
                .append(" GiB; load average ").append(m.loadStart).append(" at start, ").append(m.loadEnd)
                .append(" at end (the machine is shared: other processes ran too). Each figure: median (min–max, n runs)"
                        + " of ").append(b.options.reps).append(" runs of ").append(b.options.seconds)
                .append(" s for load figures; references measured in the same run, alternating with ours.\n\n");
        s.append("| figure | this project | reference (same run) | ratio | target | met |\n");
        s.append("|---|---|---|---|---|---|\n");
        for (Row r : b.rows) {
            if (r.notMeasured != null) {
                s.append("| ").append(r.figure).append(" | ").append(r.notMeasured).append(" | – | – | ")
                        .append(r.target).append(" | not measured |\n");
                continue;
            }
            s.append("| ").append(r.figure)
                    .append(" | ").append(r.oursLabel).append(": ").append(r.ours.cell())
                    .append(" | ").append(r.refLabel).append(": ").append(r.ref.cell())
                    .append(" | ").append(r.ratioCell())
                    .append(" | ").append(r.target)
                    .append(" | ").append(r.metCell()).append(" |\n");
        }
        s.append("\nRatios: ours ÷ reference, except the one-comment GET rows (reference ÷ ours: times faster).\n");
        List<Row> notMet = notMet();
        s.append("\n**Targets not met:** ");
        s.append(notMet.isEmpty() ? "none of those measured." : String.join("; ", notMet.stream()
                .map(r -> r.figure + " (" + r.target + ", measured " + r.ratioOrValue() + ")").toList()) + ".");
        List<Row> missing = b.rows.stream().filter(r -> r.notMeasured != null).toList();
        if (!missing.isEmpty()) {
            s.append("\n\n**Not measured:** ").append(String.join("; ", missing.stream()
                    .map(r -> r.figure + " — " + r.notMeasured.replaceFirst("^not measured: ", "")).distinct().toList()))
                    .append(".");
        }
        s.append("\n\nResident memory (VmRSS) at the end of each part:\n\n| process | RSS |\n|---|---|\n");
        for (Map.Entry<String, Double> e : b.memory.entrySet()) {
            s.append("| ").append(e.getKey()).append(" | ").append(Series.fmt(e.getValue())).append(" MiB |\n");
        }
        s.append("\nNotes:\n");
        for (Row r : b.rows) {
            if (r.notMeasured == null && !r.note.isBlank()) {
                s.append("- ").append(r.figure).append(": ").append(r.note).append("\n");
            }
        }
        for (String n : b.notes.values()) {
            s.append("- ").append(n).append("\n");
        }
        s.append("\nVersions: ");
        s.append(String.join(", ", m.versions.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        s.append(".\n");
        return s.toString();
    }

    JsonObject json() {
        JsonArrayBuilder rows = Jsons.array();
        for (Row r : b.rows) {
            JsonObjectBuilder o = Jsons.object().add("id", r.id).add("figure", r.figure)
                    .add("target", r.target);
            if (r.notMeasured != null) {
                o.add("not_measured", r.notMeasured);
            } else {
                o.add("ours", series(r.oursLabel, r.ours)).add("reference", series(r.refLabel, r.ref));
                Double ratio = r.ratio();
                if (ratio != null) {
                    o.add("ratio", ratio);
                }
                o.add("ratio_kind", r.ratioKind == Row.RatioKind.OURS_OVER_REF ? "ours/reference" : "reference/ours");
                if (r.met != null) {
                    o.add("met", r.met);
                }
                o.add("note", r.note);
            }
            o.add("raw", r.raw);
            rows.add(o);
        }
        JsonObjectBuilder memory = Jsons.object();
        b.memory.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                memory.add(k, v);
            }
        });
        JsonObjectBuilder versions = Jsons.object();
        m.versions.forEach(versions::add);
        JsonObjectBuilder notes = Jsons.object();
        b.notes.forEach(notes::add);
        return Jsons.object()
                .add("date", m.start.toString())
                .add("end", m.end.toString())
                .add("commit", m.commit)
                .add("dirty", m.dirty)
                .add("machine", Jsons.object().add("cores", m.cores).add("cpu", m.cpu)
                        .add("memory_mib", m.memoryMiB).add("kernel", m.kernel)
                        .add("loadavg_start", m.loadStart).add("loadavg_end", m.loadEnd))
                .add("settings", Jsons.object().add("reps", b.options.reps)
                        .add("seconds", b.options.seconds).add("sync_interval_ms", b.options.syncIntervalMs)
                        .add("parts", String.join(",", b.options.parts)))
                .add("versions", versions)
                .add("rows", rows)
                .add("targets_not_met", Jsons.array(notMet().stream().map(r -> r.id).toList()))
                .add("memory_rss_mib", memory)
                .add("notes", notes)
                .build();
    }

    private static JsonObject series(String label, Series s) {
        JsonArrayBuilder values = Jsons.array();
        s.values.forEach(values::add);
        JsonObjectBuilder o = Jsons.object().add("label", label).add("unit", s.unit).add("values", values);
        if (!s.isEmpty()) {
            o.add("median", s.median()).add("min", s.min()).add("max", s.max());
        }
        return o.build();
    }

    /** Writes <date>-<commit>.md and .json; returns both paths. */
    Path[] write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path md = dir.resolve(b.resultFile(".md").getFileName());
        Path js = dir.resolve(b.resultFile(".json").getFileName());
        Files.writeString(md, markdown(), StandardCharsets.UTF_8);
        JsonWriterFactory f = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        StringWriter w = new StringWriter();
        try (var writer = f.createWriter(w)) {
            writer.writeObject(json());
        }
        Files.writeString(js, w.toString().strip() + "\n", StandardCharsets.UTF_8);
        return new Path[] {md, js};
    }
}
