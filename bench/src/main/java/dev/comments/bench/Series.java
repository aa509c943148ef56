package dev.comments.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Repeated measurements of one quantity: each figure of the table is their median, with min and max. */
final class Series {

    final String unit;
    final List<Double> values = new ArrayList<>();

    Series(String unit) {
        this.unit = unit;
    }

    Series add(double v) {
        values.add(v);
        return this;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    double median() {
        List<Double> s = sorted();
        int n = s.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    double min() {
        return sorted().stream().findFirst().orElse(Double.NaN);
    }

    double max() {
        List<Double> s = sorted();
        return s.isEmpty() ? Double.NaN : s.getLast();
    }

    private List<Double> sorted() {
        List<Double> s = new ArrayList<>(values);
        s.sort(Double::compare);
        return s;
    }

    /** "12,340 req/s (11,900–12,800, n=3)" */
    String cell() {
        if (values.isEmpty()) {
            return "–";
        }
        if (values.size() == 1) {
            return fmt(median()) + " " + unit + " (n=1)";
        }
        return fmt(median()) + " " + unit + " (" + fmt(min()) + "–" + fmt(max()) + ", n=" + values.size() + ")";
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
