package dev.comments.testkit.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4: every line must be a
 * HELP, TYPE, comment, blank or sample line of the grammar; a TYPE comes at most once and
 * before its family's samples; label values are unescaped; a histogram's buckets are
 * cumulative and its +Inf bucket equals its _count. Anything else throws with the line.
 * (No maintained Java parser of this format is published on Maven Central: client_java
 * only writes it.)
 */
public final class PrometheusText {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(Inf|NaN|[0-9]*\\.?[0-9]+([eE][+-]?[0-9]+)?|[0-9]+\\.)");

    private final List<Sample> samples;
    private final Map<String, String> types;

    private PrometheusText(List<Sample> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        Set<String> seenFamilies = new java.util.HashSet<>();
        String[] lines = text.split("\n", -1);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if (line.startsWith("#")) {
                if ((m = TYPE.matcher(line)).matches()) {
                    if (types.put(m.group(1), m.group(2)) != null || seenFamilies.contains(m.group(1))) {
                        throw bad(i, line, "TYPE repeated or after the family's samples");
                    }
                } else if (line.startsWith("# HELP ") && !HELP.matcher(line).matches()) {
                    throw bad(i, line, "malformed HELP");
                } else if (line.startsWith("# TYPE ")) {
                    throw bad(i, line, "malformed TYPE");
                }
                continue;
            }
            if (!(m = SAMPLE.matcher(line)).matches()) {
                throw bad(i, line, "not a sample line");
            }
            if (!FLOAT.matcher(m.group(4)).matches()) {
                throw bad(i, line, "value is not a float");
            }
            Map<String, String> labels = m.group(3) == null ? Map.of() : labels(i, line, m.group(3));
            String name = m.group(1);
            seenFamilies.add(family(name, types));
            samples.add(new Sample(name, labels, Double.parseDouble(m.group(4).replace("Inf", "Infinity"))));
        }
        PrometheusText parsed = new PrometheusText(samples, types);
        parsed.checkHistograms();
        return parsed;
    }

    public String type(String family) {
        return types.get(family);
    }

    /** The value of the one sample with this name and exactly these labels. */
    public Optional<Double> value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).map(Sample::value).findFirst();
    }

    public List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    private void checkHistograms() {
        types.forEach((family, type) -> {
            if (!type.equals("histogram")) {
                return;
            }
            Map<Map<String, String>, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
            for (Sample s : samples(family + "_bucket")) {
                Map<String, String> series = new HashMap<>(s.labels());
                String le = series.remove("le");
                if (le == null) {
                    throw new IllegalArgumentException(family + "_bucket without le: " + s);
                }
                buckets.computeIfAbsent(series, k -> new TreeMap<>()).put(Double.parseDouble(le.replace("Inf", "Infinity")), s.value());
            }
            buckets.forEach((series, byBound) -> {
                double previous = 0;
                for (double count : byBound.values()) {
                    if (count < previous) {
                        throw new IllegalArgumentException(family + " buckets are not cumulative for " + series);
                    }
                    previous = count;
                }
                Double inf = byBound.get(Double.POSITIVE_INFINITY);
                if (inf == null || !inf.equals(value(family + "_count", series).orElse(null))) {
                    throw new IllegalArgumentException(family + " +Inf bucket differs from _count for " + series);
                }
            });
        });
    }

    private static String family(String name, Map<String, String> types) {
        for (String suffix : List.of("_bucket", "_sum", "_count", "_total", "_created")) {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static Map<String, String> labels(int i, String line, String body) {
        Map<String, String> labels = new TreeMap<>();
        Matcher m = LABEL.matcher(body);
        int at = 0;
        while (at < body.length()) {
            if (!m.find(at) || m.start() != at) {
                throw bad(i, line, "malformed labels");
            }
            String value = m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
            if (labels.put(m.group(1), value) != null) {
                throw bad(i, line, "label repeated");
            }
            at = m.end();
        }
        return labels;
    }

    private static IllegalArgumentException bad(int i, String line, String why) {
        return new IllegalArgumentException("line " + (i + 1) + ": " + why + ": " + line);
    }
}
