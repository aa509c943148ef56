package dev.comments.core.withheld;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A withheld list as a file holds it: UTF-8 text, one entry per line ({@link WithheldEntry#line}),
 * blank lines and lines starting with {@code #} ignored. The same text is the operator's own
 * file, what {@code GET /withheld} serves, and what a server following another operator reads,
 * so parsing takes hostile input: a bad line is reported with its number and skipped, the rest
 * is read; past {@link #MAX_ENTRIES} entries the rest is reported and left out.
 *
 * <p>Cost: linear in the text; memory about 150 bytes per entry, so a full list is ~15 MB.
 */
public record WithheldList(List<WithheldEntry> entries, List<String> problems) {

    /** Entries read from one list: the budget of one list, raised here if a real list nears it. */
    public static final int MAX_ENTRIES = 100_000;
    /** The most bytes of a list read from anywhere: MAX_ENTRIES lines of a value and a short note. */
    public static final int MAX_BYTES = 32 << 20;

    public static final WithheldList EMPTY = new WithheldList(List.of(), List.of());

    public WithheldList {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    public static WithheldList parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            return new WithheldList(List.of(), List.of("the list is larger than " + MAX_BYTES + " bytes: nothing read"));
        }
        Map<String, WithheldEntry> entries = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int number = 0;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (entries.size() >= MAX_ENTRIES) {
                problems.add("line " + number + " and after: past " + MAX_ENTRIES + " entries, left out");
                break;
            }
            String[] parts = text.split("\\s+", 3);
            try {
                WithheldEntry entry = WithheldEntry.of(parts[0], parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : "");
                entries.putIfAbsent(entry.kind().word() + " " + entry.value(), entry);
            } catch (IllegalArgumentException e) {
                if (problems.size() < 100) {
                    problems.add("line " + number + ": " + e.getMessage());
                }
            }
        }
        return new WithheldList(new ArrayList<>(entries.values()), problems);
    }

    /** The list's text, with a header saying what it is. */
    public byte[] render(String header) {
        StringBuilder text = new StringBuilder();
        for (String line : header.split("\n")) {
            text.append("# ").append(line).append('\n');
        }
        for (WithheldEntry entry : entries) {
            text.append(entry.line()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** This list with the entry added, or its note replaced when its target is already listed. */
    public WithheldList with(WithheldEntry entry) {
        List<WithheldEntry> next = new ArrayList<>(entries);
        next.removeIf(entry::sameTarget);
        next.add(entry);
        if (next.size() > MAX_ENTRIES) {
            throw new IllegalStateException("the list already holds " + MAX_ENTRIES + " entries");
        }
        return new WithheldList(next, List.of());
    }

    /** This list without the entry's target. */
    public WithheldList without(WithheldEntry entry) {
        List<WithheldEntry> next = new ArrayList<>(entries);
        next.removeIf(entry::sameTarget);
        return new WithheldList(next, List.of());
    }

    public boolean contains(WithheldEntry entry) {
        return entries.stream().anyMatch(entry::sameTarget);
    }
}
