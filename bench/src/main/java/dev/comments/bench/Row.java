package dev.comments.bench;

import dev.comments.core.json.Jsons;
import jakarta.json.JsonObjectBuilder;

/**
 * One line of the table: this project's figure beside its reference, measured in the same
 * run, their ratio and the target, or why it was not measured.
 */
final class Row {

    /** How the ratio reads: ours/ref (throughput, time) or ref/ours (a speed-up). */
    enum RatioKind { OURS_OVER_REF, REF_OVER_OURS }

    final String id;
    final String figure;
    String oursLabel;
    Series ours;
    String refLabel;
    Series ref;
    RatioKind ratioKind = RatioKind.OURS_OVER_REF;
    String target = "–";
    Boolean met;
    String note = "";
    String notMeasured;
    JsonObjectBuilder raw = Jsons.object();

    Row(String id, String figure) {
        this.id = id;
        this.figure = figure;
    }

    /** Ours beside the reference, both measured in this run. */
    Row compare(String oursLabel, Series ours, String refLabel, Series ref) {
        this.oursLabel = oursLabel;
        this.ours = ours;
        this.refLabel = refLabel;
        this.ref = ref;
        return this;
    }

    /** The target "ours is at least {@code times} × faster than the reference", and whether it is met. */
    Row atLeastTimesFaster(int times) {
        ratioKind = RatioKind.REF_OVER_OURS;
        target = "≥ " + times + " × faster";
        met = ratio() != null && ratio() >= times;
        return this;
    }

    static Row notMeasured(String id, String figure, String target, String why) {
        Row r = new Row(id, figure);
        r.target = target;
        r.notMeasured = why;
        return r;
    }

    Double ratio() {
        if (ours == null || ref == null || ours.isEmpty() || ref.isEmpty()) {
            return null;
        }
        double o = ours.median();
        double f = ref.median();
        double r = ratioKind == RatioKind.OURS_OVER_REF ? o / f : f / o;
        return Double.isFinite(r) ? r : null;
    }

    String ratioCell() {
        Double r = ratio();
        if (r == null) {
            return "–";
        }
        return Series.fmt(r) + "×";
    }

    String metCell() {
        if (notMeasured != null) {
            return "not measured";
        }
        if (met == null) {
            return "–";
        }
        return met ? "**met**" : "**NOT met**";
    }

    /** "0.31×" where there is a ratio, else this project's median. */
    String ratioOrValue() {
        Double r = ratio();
        if (r != null && ratioKind == RatioKind.OURS_OVER_REF && ref.values.size() > 0 && !id.startsWith("sync")
                && !id.startsWith("client")) {
            return Series.fmt(r) + "×";
        }
        if (r != null && ratioKind == RatioKind.REF_OVER_OURS) {
            return r >= 1 ? Series.fmt(r) + "× faster" : Series.fmt(1 / r) + "× slower";
        }
        return ours == null ? "–" : Series.fmt(ours.median()) + " " + ours.unit;
    }
}
