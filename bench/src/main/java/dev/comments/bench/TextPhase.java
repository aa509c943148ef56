package dev.comments.bench;

import dev.comments.core.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The client's text processing on the draw path (issue 21, "bounded work"): the client's own
 * splitLinks (client-site/src/ui/links.js) over 1,000 comments of 5,000 characters with links,
 * pathological (long runs of punctuation in and after URLs) and ordinary, against 1,000 comments
 * of 5,000 characters without links, all in one Node process (`node/text-links.mjs`). The split
 * must be linear in the text: the pathological set costs about what the ordinary one does. The
 * same run times the text format's parser (client-site/src/ui/markdown.js, parseMarkdown; issue 22,
 * point 6) over 1,000 comments of pathological markup against ordinary formatted text.
 */
final class TextPhase {

    static final String PATHOLOGICAL = "text-pathological";
    static final String ORDINARY = "text-ordinary";
    static final String PATHOLOGICAL_FIGURE = "text: links found in 1,000 comments of 5,000 characters of pathological link text";
    static final String ORDINARY_FIGURE = "text: links found in 1,000 comments of 5,000 characters of ordinary text with links";
    static final String MARKDOWN = "text-markdown-pathological";
    static final String MARKDOWN_FIGURE = "text: 1,000 comments of 5,000 characters of pathological markup parsed in the text format";

    private final Bench b;

    TextPhase(Bench b) {
        this.b = b;
    }

    void run() throws Exception {
        Path node = ClientPhase.browserNode(b.options.repo);
        if (!Files.isExecutable(node)) {
            b.row(Row.notMeasured(PATHOLOGICAL, PATHOLOGICAL_FIGURE, "–", "not measured: no Node 24 at " + node));
            b.row(Row.notMeasured(ORDINARY, ORDINARY_FIGURE, "–", "not measured: no Node 24 at " + node));
            b.row(Row.notMeasured(MARKDOWN, MARKDOWN_FIGURE, "–", "not measured: no Node 24 at " + node));
            return;
        }
        Path out = Files.createDirectories(b.work.resolve("text")).resolve("text-links.json");
        Path log = b.work.resolve("logs/text-links.log");
        int reps = Math.max(3, b.options.reps);
        b.log("text: splitLinks over 1,000 comments of 5,000 characters, " + reps + " reps per set");
        int code = ClientPhase.run(List.of(node.toString(), b.options.repo.resolve("bench/node/text-links.mjs").toString(),
                Jsons.object().add("reps", reps).build().toString(), out.toString()), log);
        if (code != 0 || !Files.exists(out)) {
            String why = "not measured: the run failed (exit " + code + "); see " + log;
            b.row(Row.notMeasured(PATHOLOGICAL, PATHOLOGICAL_FIGURE, "–", why));
            b.row(Row.notMeasured(ORDINARY, ORDINARY_FIGURE, "–", why));
            b.row(Row.notMeasured(MARKDOWN, MARKDOWN_FIGURE, "–", why));
            return;
        }
        JsonObject result = Jsons.reader(new StringReader(Files.readString(out))).readObject();
        Series plain = series(result.getJsonArray("plain"));
        Series ordinary = series(result.getJsonArray("ordinary"));
        Series pathological = series(result.getJsonArray("pathological"));
        Row p = b.row(new Row(PATHOLOGICAL, PATHOLOGICAL_FIGURE).compare("pathological links", pathological,
                "the same length without links", plain));
        p.note = String.format(Locale.ROOT, "pathological ÷ ordinary links: %.2f × (linear: about 1; the"
                + " regex splitLinks had before issue 21 took seconds for this set)",
                pathological.median() / ordinary.median());
        p.raw.add("text", result);
        Row o = b.row(new Row(ORDINARY, ORDINARY_FIGURE).compare("ordinary links", ordinary, "the same length without links", plain));
        o.note = "each link is parsed once by the URL parser; text without links is one regex scan";
        Series mdPlain = series(result.getJsonArray("markdownPlain"));
        Series mdOrdinary = series(result.getJsonArray("markdownOrdinary"));
        Series mdPathological = series(result.getJsonArray("markdownPathological"));
        Row m = b.row(new Row(MARKDOWN, MARKDOWN_FIGURE).compare("pathological markup", mdPathological,
                "the same length of plain text, same parser", mdPlain));
        m.note = String.format(Locale.ROOT, "pathological ÷ ordinary formatted text: %.2f × (linear: about 1 or"
                + " less; runs of *, [, backticks, >, nested emphasis)", mdPathological.median() / mdOrdinary.median());
    }

    private static Series series(JsonArray values) {
        Series s = new Series("ms");
        for (int i = 0; i < values.size(); i++) {
            s.add(values.getJsonNumber(i).doubleValue());
        }
        return s;
    }
}
