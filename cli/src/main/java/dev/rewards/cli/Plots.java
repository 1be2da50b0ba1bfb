package dev.rewards.cli;

import java.util.List;
import java.util.Locale;

/**
 * Small inline SVG charts for the grading report: bars, histograms and lines with labelled axes. Written by hand
 * rather than with a charting library because the report must open from disk with no network and no script, and
 * these few shapes are all it needs.
 */
final class Plots {

    private static final int WIDTH = 560;
    private static final int HEIGHT = 240;
    private static final int LEFT = 48;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 56;
    private static final String BAR = "#4a78c2";

    private Plots() {
    }

    /** One series of points, drawn as a line with dots. */
    record Series(String name, String colour, List<Double> x, List<Double> y) {
    }

    /** Vertical bars, one per label; {@code yMax} null: the largest value. */
    static String bars(String id, List<String> labels, List<Double> values, Double yMax, String yLabel, boolean percent) {
        double max = yMax != null ? yMax : values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        max = max <= 0 ? 1 : max;
        StringBuilder svg = open(id, yLabel);
        axes(svg, max, percent);
        int n = Math.max(1, labels.size());
        double slot = (WIDTH - LEFT - RIGHT) / (double) n;
        for (int i = 0; i < labels.size(); i++) {
            double value = values.get(i);
            double h = (HEIGHT - TOP - BOTTOM) * value / max;
            double x = LEFT + i * slot + slot * 0.15;
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>",
                    x, HEIGHT - BOTTOM - h, slot * 0.7, Math.max(h, 0.5), BAR, Html.escape(labels.get(i)),
                    percent ? percentText(value) : number(value)));
            String label = labels.get(i).length() > 14 ? labels.get(i).substring(0, 13) + "…" : labels.get(i);
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-35 %.1f %d)\">%s</text>",
                    x + slot * 0.35, HEIGHT - BOTTOM + 14, x + slot * 0.35, HEIGHT - BOTTOM + 14, Html.escape(label)));
        }
        return svg.append("</svg>").toString();
    }

    /** Counts of values in {@code bins} equal bins over [min, max]. */
    static String histogram(String id, List<Double> values, int bins, double min, double max, String xLabel) {
        double width = max > min ? (max - min) / bins : 1;
        double[] counts = new double[bins];
        for (double v : values) {
            int b = max > min ? (int) Math.floor((v - min) / width) : 0;
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        List<String> labels = new java.util.ArrayList<>();
        List<Double> heights = new java.util.ArrayList<>();
        for (int b = 0; b < bins; b++) {
            labels.add(number(min + b * width));
            heights.add(counts[b]);
        }
        String svg = bars(id, labels, heights, null, "responses", false);
        return svg.replace("</svg>", String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text></svg>",
                (WIDTH + LEFT) / 2, HEIGHT - 4, Html.escape(xLabel)));
    }

    /** Lines over x; y in [0, 1] shown as percentages. */
    static String lines(String id, List<Series> series, String xLabel) {
        double xMin = series.stream().flatMap(s -> s.x().stream()).mapToDouble(Double::doubleValue).min().orElse(0);
        double xMax = series.stream().flatMap(s -> s.x().stream()).mapToDouble(Double::doubleValue).max().orElse(1);
        if (xMax <= xMin) {
            xMax = xMin + 1;
        }
        StringBuilder svg = open(id, "");
        axes(svg, 1, true);
        int legendX = LEFT + 8;
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.x().size(); i++) {
                double px = LEFT + (WIDTH - LEFT - RIGHT) * (s.x().get(i) - xMin) / (xMax - xMin);
                double py = HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * s.y().get(i);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                svg.append(String.format(Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s k=%s: %s</title></circle>",
                        px, py, s.colour(), Html.escape(s.name()), number(s.x().get(i)), percentText(s.y().get(i))));
            }
            svg.append(String.format(Locale.ROOT,
                    "<polyline class=\"series\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>",
                    s.colour(), points.toString().strip()));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>",
                    legendX, TOP + 2, s.colour(), legendX + 14, TOP + 11, Html.escape(s.name())));
            legendX += 24 + 7 * s.name().length();
        }
        int ticks = (int) Math.min(16, xMax - xMin);
        for (int t = 0; t <= ticks; t++) {
            double value = xMin + (xMax - xMin) * t / Math.max(1, ticks);
            double px = LEFT + (WIDTH - LEFT - RIGHT) * (value - xMin) / (xMax - xMin);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                    px, HEIGHT - BOTTOM + 14, number(Math.rint(value))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                (WIDTH + LEFT) / 2, HEIGHT - BOTTOM + 32, Html.escape(xLabel)));
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String id, String yLabel) {
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg id=\"%s\" class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\">",
                id, WIDTH, HEIGHT));
        if (!yLabel.isEmpty()) {
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"12\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 12 %d)\">%s</text>",
                    (HEIGHT - BOTTOM + TOP) / 2, (HEIGHT - BOTTOM + TOP) / 2, Html.escape(yLabel)));
        }
        return svg;
    }

    private static void axes(StringBuilder svg, double max, boolean percent) {
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                LEFT, TOP, LEFT, HEIGHT - BOTTOM, LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        for (int t = 0; t <= 4; t++) {
            double value = max * t / 4;
            double y = HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * t / 4.0;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/><text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>",
                    LEFT, y, WIDTH - RIGHT, y, LEFT - 4, y + 3, percent ? percentText(value) : number(value)));
        }
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }

    static String percentText(double value) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * value);
    }
}
