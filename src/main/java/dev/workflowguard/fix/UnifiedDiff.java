package dev.workflowguard.fix;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff in the form `git apply` accepts, computed with Myers' algorithm over lines (line
 * terminators are part of each line, so CRLF files and a missing final newline diff exactly).
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    /** The diff of one file, with `a/` and `b/` prefixes on the given path; empty when nothing changed. */
    public static String of(String path, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<int[]> script = script(a, b);
        StringBuilder out = new StringBuilder();
        out.append("diff --git a/").append(path).append(" b/").append(path).append('\n');
        out.append("--- a/").append(path).append('\n');
        out.append("+++ b/").append(path).append('\n');
        // script entries: {op, indexInA, indexInB}; op 0 = same, -1 = delete, +1 = insert
        int i = 0;
        while (i < script.size()) {
            while (i < script.size() && script.get(i)[0] == 0) {
                i++;
            }
            if (i >= script.size()) {
                break;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < script.size()) {
                if (script.get(end)[0] != 0) {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(script.size(), lastChange + CONTEXT + 1);
            hunk(out, script.subList(start, end), a, b);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<int[]> ops, List<String> a, List<String> b) {
        int aStart = -1;
        int bStart = -1;
        int aCount = 0;
        int bCount = 0;
        for (int[] op : ops) {
            if (op[0] <= 0) {
                aCount++;
                if (aStart < 0) {
                    aStart = op[1];
                }
            }
            if (op[0] >= 0) {
                bCount++;
                if (bStart < 0) {
                    bStart = op[2];
                }
            }
        }
        int[] first = ops.get(0);
        if (aStart < 0) {
            aStart = first[1];
        }
        if (bStart < 0) {
            bStart = first[2];
        }
        out.append("@@ -")
                .append(range(aStart, aCount))
                .append(" +")
                .append(range(bStart, bCount))
                .append(" @@\n");
        for (int[] op : ops) {
            String line = op[0] < 0 ? a.get(op[1]) : b.get(op[2]);
            out.append(op[0] == 0 ? ' ' : op[0] < 0 ? '-' : '+').append(line);
            if (!line.endsWith("\n")) {
                out.append("\n\\ No newline at end of file\n");
            }
        }
    }

    private static String range(int start, int count) {
        // Unified diff numbers lines from 1; an empty range names the line before it.
        int first = count == 0 ? start : start + 1;
        return count == 1 ? Integer.toString(first) : first + "," + count;
    }

    private static List<String> lines(String text) {
        return UnifiedDiffLines.split(text);
    }

    /** Myers' shortest edit script, as {op, indexInA, indexInB} per line. */
    private static List<int[]> script(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int max = n + m;
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        outer:
        for (int d = 0; d <= max; d++) {
            trace.add(v.clone());
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                        ? v[offset + k + 1]
                        : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    break outer;
                }
            }
        }
        List<int[]> ops = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = trace.size() - 1; d >= 0; d--) {
            int[] vd = trace.get(d);
            int k = x - y;
            int prevX;
            int prevY;
            if (d == 0) {
                prevX = 0;
                prevY = 0;
            } else {
                int prevK = (k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1])) ? k + 1 : k - 1;
                prevX = vd[offset + prevK];
                prevY = prevX - prevK;
            }
            while (x > prevX && y > prevY) {
                ops.add(0, new int[] {0, --x, --y});
            }
            if (d > 0) {
                if (x == prevX) {
                    ops.add(0, new int[] {1, x, --y});
                } else {
                    ops.add(0, new int[] {-1, --x, y});
                }
            }
        }
        return ops;
    }
}
