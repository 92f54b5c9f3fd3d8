package dev.drainboard.service;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format 0.0.4, for tests: every line is a HELP,
 * a TYPE or a sample; names and label names are valid; a family's TYPE comes once and before its
 * samples; each sample belongs to the family last typed (with _bucket/_sum/_count for histograms
 * and summaries); no series appears twice; histogram buckets are cumulative and the +Inf bucket
 * equals _count. Throws {@link IllegalArgumentException} naming the line that breaks a rule.
 */
final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Set<String> SUFFIXES = Set.of("_bucket", "_sum", "_count");

    /** One sample's labels, in a fixed order. */
    record Series(String name, Map<String, String> labels) {
    }

    final Map<Series, Double> samples = new LinkedHashMap<>();
    final Map<String, String> types = new HashMap<>();

    static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the text does not end with a newline");
        }
        String family = null;
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                if (m.group(2).matches(".*\\\\[^\\\\n].*")) {
                    throw bad(n, line, "bad escape in HELP");
                }
            } else if ((m = TYPE.matcher(line)).matches()) {
                if (p.types.put(m.group(1), m.group(2)) != null) {
                    throw bad(n, line, "second TYPE for " + m.group(1));
                }
                family = m.group(1);
            } else if (line.startsWith("#")) {
                continue;
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                if (family == null || !belongs(name, family, p.types.get(family))) {
                    throw bad(n, line, "sample outside its family (last TYPE: " + family + ")");
                }
                Map<String, String> labels = labels(m.group(3), n, line);
                double v = value(m.group(4), n, line);
                if (p.samples.put(new Series(name, labels), v) != null) {
                    throw bad(n, line, "the same series twice");
                }
            } else {
                throw bad(n, line, "neither HELP, TYPE nor a sample");
            }
        }
        p.checkHistograms();
        return p;
    }

    private static boolean belongs(String name, String family, String type) {
        if (name.equals(family)) {
            return !type.equals("histogram");
        }
        if (type.equals("histogram") || type.equals("summary")) {
            for (String s : SUFFIXES) {
                if (name.equals(family + s)) {
                    return !(s.equals("_bucket") && type.equals("summary"));
                }
            }
        }
        return false;
    }

    private static Map<String, String> labels(String body, int n, String line) {
        Map<String, String> out = new TreeMap<>();
        if (body == null || body.isEmpty()) {
            return out;
        }
        Matcher m = LABEL.matcher(body);
        int at = 0;
        while (m.find() && m.start() == at) {
            if (out.put(m.group(1), m.group(2)) != null) {
                throw bad(n, line, "label " + m.group(1) + " twice");
            }
            at = m.end();
            if (at < body.length()) {
                if (body.charAt(at) != ',') {
                    throw bad(n, line, "labels not separated by a comma");
                }
                at++;
            }
        }
        if (at != body.length()) {
            throw bad(n, line, "malformed labels");
        }
        return out;
    }

    private static double value(String s, int n, String line) {
        switch (s) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                if (!s.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    throw bad(n, line, "value is not a number");
                }
                return Double.parseDouble(s);
        }
    }

    private void checkHistograms() {
        for (Map.Entry<String, String> t : types.entrySet()) {
            if (!t.getValue().equals("histogram")) {
                continue;
            }
            Map<Map<String, String>, TreeMap<Double, Double>> buckets = new HashMap<>();
            for (Map.Entry<Series, Double> s : samples.entrySet()) {
                if (s.getKey().name().equals(t.getKey() + "_bucket")) {
                    Map<String, String> rest = new TreeMap<>(s.getKey().labels());
                    String le = rest.remove("le");
                    if (le == null) {
                        throw new IllegalArgumentException(t.getKey() + ": a bucket without le");
                    }
                    buckets.computeIfAbsent(rest, k -> new TreeMap<>()).put(value(le, 0, le), s.getValue());
                }
            }
            for (Map.Entry<Map<String, String>, TreeMap<Double, Double>> b : buckets.entrySet()) {
                double prev = 0;
                for (double count : b.getValue().values()) {
                    if (count < prev) {
                        throw new IllegalArgumentException(t.getKey() + ": buckets are not cumulative");
                    }
                    prev = count;
                }
                Double inf = b.getValue().get(Double.POSITIVE_INFINITY);
                Double count = samples.get(new Series(t.getKey() + "_count", b.getKey()));
                if (inf == null || !inf.equals(count)) {
                    throw new IllegalArgumentException(t.getKey() + ": the +Inf bucket is not _count");
                }
            }
        }
    }

    /** The value of the one series with this name and exactly these labels. */
    double value(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        Double v = samples.get(new Series(name, labels));
        if (v == null) {
            throw new AssertionError("no series " + name + labels + " in the metrics");
        }
        return v;
    }

    boolean hasFamilyStartingWith(String prefix) {
        return types.keySet().stream().anyMatch(t -> t.startsWith(prefix));
    }

    private static IllegalArgumentException bad(int n, String line, String why) {
        return new IllegalArgumentException("line " + n + " (" + line + "): " + why);
    }
}
