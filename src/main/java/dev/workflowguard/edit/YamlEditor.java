package dev.workflowguard.edit;

import dev.workflowguard.yaml.ScalarStyle;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlException;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlList;
import dev.workflowguard.yaml.YamlLoader;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sets scalar values in YAML text by splicing the original text at the spans the parser reports,
 * so that comments, blank lines, indentation, quoting, key order, line endings and a byte order
 * mark stay exactly as they were. Every result is parsed again and must mean the old document
 * with exactly the intended change; otherwise the edit is refused and nothing changes.
 */
public final class YamlEditor {

    private final YamlLoader loader;

    public YamlEditor(YamlLimits limits) {
        this.loader = new YamlLoader(limits);
    }

    /**
     * Returns the file's text with the edit made.
     *
     * @throws EditException when the edit cannot be made safely (the value is shared through an
     *     anchor, a parent is not a mapping, the result would not read back as intended…)
     */
    public String apply(SourceFile file, Edit edit) throws EditException {
        List<YamlDocument> documents = parse(file, "cannot be edited: ");
        Plan plan = new Plan(file, documents, edit);
        String result = Splice.apply(file.text(), plan.splices());
        verify(file, documents, result, edit);
        return result;
    }

    private List<YamlDocument> parse(SourceFile file, String prefix) throws EditException {
        try {
            return loader.loadAll(file);
        } catch (YamlException e) {
            throw new EditException(prefix + e.getMessage());
        }
    }

    /** Proves the edited text means the old text with exactly the intended change. */
    private void verify(SourceFile file, List<YamlDocument> before, String result, Edit edit) throws EditException {
        SourceFile edited = new SourceFile(file.path(), file.displayName(), result, file.charset(),
                file.hasByteOrderMark());
        List<YamlDocument> after = parse(edited, "internal error: the edit of " + file.displayName()
                + " would not parse again, so nothing was written: ");
        // An empty file has no document at all; once a key is added it has one.
        int documents = Math.max(before.size(), edit.document() + 1);
        if (after.size() != documents) {
            throw internal(file, edit, "the number of documents changed");
        }
        for (int i = 0; i < documents; i++) {
            Object expected = i < before.size() ? TreeData.of(before.get(i).root()) : null;
            if (i == edit.document()) {
                expected = TreeData.with(expected, edit.path(), TreeData.intended(edit));
            }
            if (!Objects.equals(expected, TreeData.of(after.get(i).root()))) {
                throw internal(file, edit, "the document would not read back as intended");
            }
            int duplicatesBefore = i < before.size() ? before.get(i).duplicates().size() : 0;
            if (after.get(i).duplicates().size() != duplicatesBefore) {
                throw internal(file, edit, "a duplicate key would appear");
            }
        }
    }

    private static EditException internal(SourceFile file, Edit edit, String why) {
        return new EditException("internal error: setting " + edit.describePath() + " in " + file.displayName()
                + " was refused because " + why + "; nothing was written to it");
    }

    /** Works out the splices for one edit on the parsed text. */
    private static final class Plan {
        private final SourceFile file;
        private final String text;
        private final Edit edit;
        private final String newline;
        private final List<Splice> splices = new ArrayList<>();

        Plan(SourceFile file, List<YamlDocument> documents, Edit edit) throws EditException {
            this.file = file;
            this.text = file.text();
            this.edit = edit;
            this.newline = text.contains("\r\n") ? "\r\n" : "\n";
            YamlDocument document = edit.document() < documents.size() ? documents.get(edit.document()) : null;
            if (document == null || document.isEmpty()) {
                appendToEmptyDocument(documents);
            } else {
                walk(document.root(), indentUnit(document.root()));
            }
        }

        List<Splice> splices() {
            return splices;
        }

        private void walk(YamlNode root, int unit) throws EditException {
            List<Object> path = edit.path();
            YamlNode node = root;
            for (int i = 0; i < path.size(); i++) {
                Object step = path.get(i);
                boolean last = i == path.size() - 1;
                if (step instanceof Integer index) {
                    if (!(node instanceof YamlList list) || index >= list.items().size()) {
                        throw refuse(i, "is not a list with an item " + index);
                    }
                    node = list.items().get(index);
                    if (last) {
                        replaceScalar(node, null);
                        return;
                    }
                    continue;
                }
                if (!(node instanceof YamlMap map)) {
                    throw refuse(i, "is " + node.describeType() + ", not a mapping");
                }
                if (i > 0) {
                    refuseSharedCollection(map, i);
                }
                YamlEntry entry = physicalEntry(map, (String) step);
                if (entry == null) {
                    insertIntoMap(map, keys(i), unit);
                    return;
                }
                if (isAlias(entry)) {
                    if (last && entry.value() instanceof YamlScalar) {
                        replaceAlias(entry);
                        return;
                    }
                    throw refuse(i + 1, "is an alias to an anchor used elsewhere; edit it by hand");
                }
                YamlNode value = entry.value();
                if (last) {
                    replaceScalar(value, entry);
                    return;
                }
                if (value instanceof YamlScalar scalar && scalar.isNull()) {
                    insertUnderNullKey(map, entry, keys(i + 1), unit);
                    return;
                }
                if (!(value instanceof YamlMap) && !(value instanceof YamlList)) {
                    throw refuse(i + 1, "is " + value.describeType() + ", not a mapping");
                }
                node = value;
            }
        }

        /** The remaining path from a step on, which must be keys only (lists are never created). */
        private List<String> keys(int from) throws EditException {
            List<String> keys = new ArrayList<>();
            for (Object step : edit.path().subList(from, edit.path().size())) {
                if (!(step instanceof String key)) {
                    throw refuse(from, "does not exist, and lists are never created");
                }
                keys.add(key);
            }
            return keys;
        }

        private EditException refuse(int depth, String why) {
            List<Object> prefix = edit.path().subList(0, Math.max(1, Math.min(depth, edit.path().size())));
            String shown = new Edit(edit.document(), prefix, "", false).describePath();
            return new EditException("cannot set " + edit.describePath() + " in " + file.displayName() + ": " + shown
                    + " " + why);
        }

        // ---- replacing an existing value ----

        private void replaceScalar(YamlNode node, YamlEntry entry) throws EditException {
            if (!(node instanceof YamlScalar scalar)) {
                throw refuse(edit.path().size(), "is " + node.describeType() + "; only scalars are replaced");
            }
            int end = chars(scalar.end().offset());
            int spanStart = chars(scalar.start().offset());
            String anchor = anchorAt(spanStart, end);
            if (anchor != null && isAliased(anchor)) {
                throw refuse(edit.path().size(), "is anchored as &" + anchor
                        + " and aliases elsewhere share it; edit it by hand");
            }
            int start = skipProperties(spanStart, end);
            if (start == end) {
                // `key:` with nothing after it: write the value after the colon.
                int colon = entry == null ? start : colonAfter(entry);
                splices.add(Splice.insert(colon, " " + formatted(ScalarStyle.PLAIN)));
                return;
            }
            if (scalar.style() == ScalarStyle.LITERAL || scalar.style() == ScalarStyle.FOLDED) {
                // A block scalar's span runs past its trailing line breaks; keep them.
                while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
                    end--;
                }
                splices.add(new Splice(start, end, formatted(ScalarStyle.PLAIN)));
                return;
            }
            splices.add(new Splice(start, end, formatted(scalar.style())));
        }

        /** `key: *anchor`: the alias token is replaced, never the shared anchor. */
        private void replaceAlias(YamlEntry entry) throws EditException {
            int i = colonAfter(entry);
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i >= text.length() || text.charAt(i) != '*') {
                throw refuse(edit.path().size(), "is an alias that could not be located in the text");
            }
            int end = i + 1;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && ",]}".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            splices.add(new Splice(i, end, formatted(ScalarStyle.PLAIN)));
        }

        private static boolean endsWithBlockScalar(YamlNode node) {
            if (node instanceof YamlScalar scalar) {
                return scalar.style() == ScalarStyle.LITERAL || scalar.style() == ScalarStyle.FOLDED;
            }
            if (node instanceof YamlMap map && map.size() > 0) {
                YamlEntry last = null;
                for (YamlEntry entry : map.entries()) {
                    if (last == null || entry.key().start().offset() > last.key().start().offset()) {
                        last = entry;
                    }
                }
                return endsWithBlockScalar(last.value());
            }
            if (node instanceof YamlList list && !list.items().isEmpty()) {
                return endsWithBlockScalar(list.items().get(list.items().size() - 1));
            }
            return false;
        }

        /** Refuses to edit inside a collection that is anchored and aliased elsewhere: the change would spread. */
        private void refuseSharedCollection(YamlNode collection, int depth) throws EditException {
            int start = chars(collection.start().offset());
            String anchor = anchorAt(start, Math.min(text.length(), start + 256));
            if (anchor != null && isAliased(anchor)) {
                throw refuse(depth, "is anchored as &" + anchor + " and aliases elsewhere share it; edit it by hand");
            }
        }

        private boolean isAliased(String anchor) {
            return java.util.regex.Pattern.compile("\\*" + java.util.regex.Pattern.quote(anchor) + "(?![^\\s,\\]}])")
                    .matcher(text).find();
        }

        /** The anchor name a node's span starts with, or null. */
        private String anchorAt(int start, int end) {
            int i = start;
            while (i < end && text.charAt(i) == '!') {
                while (i < end && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                while (i < end && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
            }
            if (i >= end || text.charAt(i) != '&') {
                return null;
            }
            int nameEnd = i + 1;
            while (nameEnd < end && !Character.isWhitespace(text.charAt(nameEnd)) && ",]}".indexOf(text.charAt(nameEnd)) < 0) {
                nameEnd++;
            }
            return text.substring(i + 1, nameEnd);
        }

        /** A node's span starts at its anchor or tag (`&a`, `!!str`); the value itself comes after them. */
        private int skipProperties(int start, int end) {
            int i = start;
            while (i < end && (text.charAt(i) == '&' || text.charAt(i) == '!')) {
                while (i < end && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                    i++;
                }
            }
            return i;
        }

        // ---- adding keys ----

        private void insertIntoMap(YamlMap map, List<String> keys, int unit) throws EditException {
            if (isFlow(map)) {
                List<YamlEntry> physical = physicalEntries(map);
                int close = chars(map.end().offset()) - 1;
                if (close < 0 || text.charAt(close) != '}') {
                    throw refuse(0, "is a flow mapping whose end could not be located");
                }
                if (physical.isEmpty()) {
                    splices.add(new Splice(chars(map.start().offset()), close + 1, "{" + flowEntry(keys) + "}"));
                } else {
                    int at = close;
                    while (at > 0 && Character.isWhitespace(text.charAt(at - 1))) {
                        at--;
                    }
                    splices.add(Splice.insert(at, ", " + flowEntry(keys)));
                }
                return;
            }
            List<YamlEntry> physical = physicalEntries(map);
            if (physical.isEmpty()) {
                throw refuse(0, "is a mapping with no keys of its own to align with");
            }
            int indent = physical.get(0).key().start().column() - 1;
            YamlEntry lastEntry = physical.get(physical.size() - 1);
            int at = endOfLine(contentEnd(lastEntry));
            if (at == text.length() && !text.endsWith("\n") && endsWithBlockScalar(lastEntry.value())) {
                // A block scalar that ends the file without a line break would gain one (its value would
                // change) if a key followed it; put the new key before the last entry instead.
                int lineStart = text.lastIndexOf('\n', chars(lastEntry.key().start().offset()) - 1) + 1;
                splices.add(Splice.insert(lineStart, blockLines(keys, indent, unit) + newline));
                return;
            }
            splices.add(Splice.insert(at, newline + blockLines(keys, indent, unit)));
        }

        private void insertUnderNullKey(YamlMap parent, YamlEntry entry, List<String> keys, int unit) {
            YamlScalar nullValue = (YamlScalar) entry.value();
            int start = chars(nullValue.start().offset());
            int end = chars(nullValue.end().offset());
            if (isFlow(parent)) {
                String flow = "{" + flowEntry(keys) + "}";
                splices.add(start == end ? Splice.insert(colonAfter(entry), " " + flow) : new Splice(start, end, flow));
                return;
            }
            int lineEnd;
            if (start != end) {
                // `key: null` / `key: ~`: drop the token (a comment after it stays), then nest below.
                int colon = colonAfter(entry);
                splices.add(new Splice(colon, end, ""));
                lineEnd = endOfLine(end);
            } else {
                lineEnd = endOfLine(colonAfter(entry));
            }
            int indent = entry.key().start().column() - 1 + unit;
            splices.add(Splice.insert(lineEnd, newline + blockLines(keys, indent, unit)));
        }

        private void appendToEmptyDocument(List<YamlDocument> documents) throws EditException {
            if (edit.document() != 0 || documents.size() > 1) {
                throw new EditException("cannot set " + edit.describePath() + " in " + file.displayName()
                        + ": the document to edit is empty and other documents follow it; edit it by hand");
            }
            String lines = blockLines(keys(0), 0, 2);
            boolean hasContent = !text.isEmpty() && !text.equals("\uFEFF");
            // Keep the file's choice about a final line break; an empty file gets one.
            String insertion = hasContent && !text.endsWith("\n") ? newline + lines : lines + newline;
            splices.add(Splice.insert(text.length(), insertion));
        }

        // ---- text helpers ----

        private String formatted(ScalarStyle existing) {
            return ScalarText.value(edit.value(), edit.mustQuote(), existing);
        }

        private String blockLines(List<String> keys, int indent, int unit) {
            StringBuilder out = new StringBuilder();
            for (int j = 0; j < keys.size(); j++) {
                if (j > 0) {
                    out.append(newline);
                }
                out.append(" ".repeat(indent + j * unit)).append(ScalarText.key(keys.get(j))).append(':');
                if (j == keys.size() - 1) {
                    out.append(' ').append(formatted(ScalarStyle.PLAIN));
                }
            }
            return out.toString();
        }

        private String flowEntry(List<String> keys) {
            String key = ScalarText.key(keys.get(0));
            if (keys.size() == 1) {
                return key + ": " + formatted(ScalarStyle.PLAIN);
            }
            return key + ": {" + flowEntry(keys.subList(1, keys.size())) + "}";
        }

        private boolean isFlow(YamlNode collection) {
            int start = chars(collection.start().offset());
            return start < text.length() && (text.charAt(start) == '{' || text.charAt(start) == '[');
        }

        /** The char index just after the colon that follows an entry's key. */
        private int colonAfter(YamlEntry entry) {
            int i = chars(entry.key().end().offset());
            while (i < text.length() && text.charAt(i) != ':') {
                i++;
            }
            return Math.min(i + 1, text.length());
        }

        /** The char index where the line holding {@code index} ends (before its line break). */
        private int endOfLine(int index) {
            int i = index;
            while (i < text.length() && text.charAt(i) != '\n') {
                i++;
            }
            if (i > index && i <= text.length() && i > 0 && text.charAt(i - 1) == '\r') {
                i--;
            }
            return i;
        }

        /** The char index where an entry's text ends (its last value token), ignoring trailing comments. */
        private int contentEnd(YamlEntry entry) {
            YamlNode value = entry.value();
            if (isAlias(entry) || (value instanceof YamlScalar scalar && scalar.start().offset() == scalar.end().offset())) {
                return colonAfter(entry);
            }
            return contentEnd(value);
        }

        private int contentEnd(YamlNode node) {
            if (node instanceof YamlScalar scalar) {
                int start = chars(scalar.start().offset());
                int end = chars(scalar.end().offset());
                while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
                    end--;
                }
                return end;
            }
            if (isFlow(node)) {
                return chars(node.end().offset());
            }
            if (node instanceof YamlMap map) {
                List<YamlEntry> physical = physicalEntries(map);
                return physical.isEmpty() ? chars(map.start().offset()) : contentEnd(physical.get(physical.size() - 1));
            }
            List<YamlNode> items = ((YamlList) node).items();
            if (items.isEmpty()) {
                return chars(node.start().offset());
            }
            YamlNode lastItem = items.get(items.size() - 1);
            return lastItem.start().offset() < node.start().offset() ? chars(node.start().offset()) : contentEnd(lastItem);
        }

        /** The entries written inside this mapping's own span, in text order (merge-key entries live elsewhere). */
        private List<YamlEntry> physicalEntries(YamlMap map) {
            List<YamlEntry> entries = new ArrayList<>();
            for (YamlEntry entry : map.entries()) {
                if (isInside(map, entry)) {
                    entries.add(entry);
                }
            }
            entries.sort((a, b) -> Integer.compare(a.key().start().offset(), b.key().start().offset()));
            return entries;
        }

        private YamlEntry physicalEntry(YamlMap map, String key) {
            YamlEntry entry = map.entry(key);
            return entry != null && isInside(map, entry) ? entry : null;
        }

        private static boolean isInside(YamlMap map, YamlEntry entry) {
            int offset = entry.key().start().offset();
            return entry.key().file() == map.file() && offset >= map.start().offset() && offset < map.end().offset();
        }

        /** An alias composes to its anchor's node, which sits before the key that refers to it. */
        private static boolean isAlias(YamlEntry entry) {
            return entry.value().start().offset() < entry.key().start().offset();
        }

        private int chars(int codePointOffset) {
            return file.charIndex(codePointOffset);
        }

        /** The file's indentation step: the smallest positive indent between a key and its nested keys. */
        private static int indentUnit(YamlNode root) {
            int[] best = {Integer.MAX_VALUE};
            measure(root, best, 0);
            return best[0] == Integer.MAX_VALUE ? 2 : best[0];
        }

        private static void measure(YamlNode node, int[] best, int depth) {
            if (depth > 64 || !(node instanceof YamlMap map)) {
                return;
            }
            for (YamlEntry entry : map.entries()) {
                if (entry.value() instanceof YamlMap child && child.size() > 0
                        && child.start().line() > entry.key().start().line()) {
                    YamlEntry first = child.entries().iterator().next();
                    int step = first.key().start().column() - entry.key().start().column();
                    if (step > 0 && step < best[0]) {
                        best[0] = step;
                    }
                    measure(child, best, depth + 1);
                }
            }
        }
    }
}
