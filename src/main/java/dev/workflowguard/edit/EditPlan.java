package dev.workflowguard.edit;

import dev.workflowguard.edit.Layout.Alias;
import dev.workflowguard.edit.Layout.Mapping;
import dev.workflowguard.edit.Layout.Pair;
import dev.workflowguard.edit.Layout.Part;
import dev.workflowguard.edit.Layout.Scalar;
import dev.workflowguard.edit.Layout.Sequence;
import dev.workflowguard.yaml.ScalarStyle;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlDocument;
import dev.workflowguard.yaml.YamlList;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works out the splices for one edit. The path is followed through the text as written (the
 * {@link Layout}) and, alongside, through the tree the checks read (for Helm's types and for what
 * merge keys bring in). Every construct the splices cannot handle exactly is refused here, before
 * anything is spliced, with a sentence naming the construct and its line and what to write by
 * hand; the editor's proof afterwards only catches bugs.
 */
final class EditPlan {

    /** Tags a collection may carry and still be edited: they only say it is a mapping or a list. */
    private static final Set<String> COLLECTION_TAGS = Set.of("!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq");

    final SourceFile file;
    final String text;
    final Edit edit;
    final Layout layout;
    final TextLines lines;
    /** The file's indentation step, for keys nested below new ones. */
    final int unit;

    private final List<Splice> splices = new ArrayList<>();
    private final ValueSplices values;
    private final KeySplices keys;

    EditPlan(SourceFile file, List<YamlDocument> documents, Layout layout, Edit edit) throws EditException {
        this.file = file;
        this.text = file.text();
        this.edit = edit;
        this.layout = layout;
        this.lines = new TextLines(text);
        this.unit = indentUnit(
                edit.document() < layout.documents().size()
                        ? layout.documents().get(edit.document()).root()
                        : null);
        this.values = new ValueSplices(this);
        this.keys = new KeySplices(this);
        plan(documents);
    }

    List<Splice> splices() {
        return splices;
    }

    /** The line of the original text where the edit is made (the first splice), for messages. */
    int line() {
        return lines.lineNumber(splices.stream().mapToInt(Splice::start).min().orElse(0));
    }

    void add(Splice splice) {
        splices.add(splice);
    }

    private void plan(List<YamlDocument> documents) throws EditException {
        int index = edit.document();
        if (documents.isEmpty()) {
            if (index != 0) {
                throw refuse(0, "does not exist: the file holds no YAML document");
            }
            keys.intoEmptyDocument(null, null, keysFrom(0));
            return;
        }
        if (index >= documents.size()) {
            throw refuse(
                    0,
                    "does not exist: the file holds " + documents.size() + " YAML document"
                            + (documents.size() == 1 ? "" : "s"));
        }
        List<Layout.Document> laid = layout.documents();
        YamlDocument document = documents.get(index);
        if (document.isEmpty()) {
            keys.intoEmptyDocument(laid.get(index), index + 1 < laid.size() ? laid.get(index + 1) : null, keysFrom(0));
            return;
        }
        walk(laid.get(index).root(), document.root());
    }

    private void walk(Part root, YamlNode logicalRoot) throws EditException {
        List<Object> path = edit.path();
        Part node = root;
        YamlNode logical = logicalRoot;
        Part holderKey = null;
        for (int i = 0; i < path.size(); i++) {
            boolean last = i == path.size() - 1;
            refuseShared(node, i);
            refuseTagged(node, i);
            if (path.get(i) instanceof Integer index) {
                if (!(node instanceof Sequence sequence) || !(logical instanceof YamlList list)) {
                    throw refuse(i, "is not a list with an item " + index + " (" + line(node.start()) + ")");
                }
                if (index >= sequence.items().size()) {
                    int size = sequence.items().size();
                    throw refuse(
                            i,
                            "is a list of " + size + (size == 1 ? " item" : " items") + ", with no item " + index + " ("
                                    + line(node.start()) + ")");
                }
                Part item = sequence.items().get(index);
                YamlNode logicalItem = list.items().get(index);
                if (last) {
                    values.replace(item, logicalItem, null, sequence, i + 1);
                    return;
                }
                if (item instanceof Alias alias) {
                    throw refuseByHand(
                            i + 1,
                            "is an alias (*" + alias.name() + ", " + line(alias.start())
                                    + ") of a node shared with other places");
                }
                node = item;
                logical = logicalItem;
                holderKey = null;
                continue;
            }
            String key = (String) path.get(i);
            if (!(node instanceof Mapping mapping) || !(logical instanceof YamlMap map)) {
                throw refuse(i, "is " + describe(logical) + ", not a mapping (" + line(node.start()) + ")");
            }
            Lookup found = lookup(mapping, key, i + 1);
            YamlNode logicalValue = map.get(key);
            if (found.explicit != null && !found.mergeWins) {
                Pair pair = found.explicit;
                Part value = pair.value();
                if (last) {
                    values.replace(value, logicalValue, pair, mapping, i + 1);
                    return;
                }
                if (value instanceof Alias alias) {
                    if (alias.target() instanceof Mapping target) {
                        keys.mergeAlias(mapping, pair, alias, target, keysFrom(i + 1), i + 1);
                    } else if (isNull(logicalValue)) {
                        keys.underNull(mapping, pair, keysFrom(i + 1), i + 1);
                    } else {
                        throw refuse(
                                i + 1,
                                "is " + describe(logicalValue) + ", not a mapping (through the alias *" + alias.name()
                                        + ", " + line(alias.start()) + ")");
                    }
                    return;
                }
                if (value instanceof Mapping || value instanceof Sequence) {
                    node = value;
                    logical = logicalValue;
                    holderKey = pair.key();
                    continue;
                }
                if (isNull(logicalValue)) {
                    keys.underNull(mapping, pair, keysFrom(i + 1), i + 1);
                    return;
                }
                throw refuse(i + 1, "is " + describe(logicalValue) + ", not a mapping (" + line(value.start()) + ")");
            }
            if (found.merge != null) {
                refuseMerged(found, logicalValue, last, i + 1);
            }
            keys.intoMapping(mapping, holderKey, keysFrom(i), i);
            return;
        }
    }

    /** A key the mapping only has through a merge key (<<): a key of its own after the merges overrides it. */
    private void refuseMerged(Lookup found, YamlNode logicalValue, boolean last, int depth) throws EditException {
        if (found.explicit != null) {
            throw refuseByHand(
                    depth,
                    "is set at " + line(found.explicit.key().start()) + ", but the merge key (<<) at "
                            + line(found.merge.key().start())
                            + " comes after it and overrides it (Helm applies merge keys in"
                            + " order)");
        }
        if (last || isNull(logicalValue)) {
            return;
        }
        if (logicalValue instanceof YamlMap) {
            throw refuseByHand(
                    depth,
                    "comes whole from the merge key (<<) at "
                            + line(found.merge.key().start())
                            + ", which is shallow: a key below it cannot be set without repeating all of it");
        }
        throw refuse(
                depth,
                "is " + describe(logicalValue) + ", not a mapping (through the merge key (<<) at "
                        + line(found.merge.key().start()) + ")");
    }

    /** A collection on the path that aliases elsewhere share: changing it would change them too. */
    private void refuseShared(Part node, int depth) throws EditException {
        if (node.anchor() != null && layout.aliasesOf(node) > 0) {
            throw refuseByHand(
                    depth,
                    "is anchored as &" + node.anchor() + " (" + line(node.start())
                            + ") and aliases elsewhere share it, so a change would reach them too");
        }
    }

    /** A collection with a tag such as !!set or !custom: what it means is up to whoever reads the tag. */
    private void refuseTagged(Part node, int depth) throws EditException {
        if (node.tag() != null && !COLLECTION_TAGS.contains(node.tag())) {
            Properties properties = properties(node);
            String written =
                    properties.hasTag() ? text.substring(properties.tagStart(), properties.tagEnd()) : node.tag();
            throw refuseByHand(
                    depth,
                    "is tagged " + written + " (" + line(node.start()) + "), a tag the fixer does"
                            + " not edit below (only !!map and !!seq are)");
        }
    }

    /**
     * Which pair of a mapping sets a key, following Go yaml v2 (Helm): pairs apply in order, and a
     * merge key sets every key its mappings have, so the last of them wins.
     */
    private Lookup lookup(Mapping mapping, String key, int depth) throws EditException {
        Pair explicit = null;
        Pair merge = null;
        boolean mergeWins = false;
        for (Pair pair : mapping.pairs()) {
            if (pair.isMerge()) {
                if (provides(pair.value(), key, 0)) {
                    merge = pair;
                    mergeWins = true;
                }
            } else if (key.equals(pair.keyText())) {
                if (pair.key() instanceof Scalar scalar && scalar.isEmpty()) {
                    throw refuseByHand(depth, "is an empty key (" + line(mapping.start()) + ")");
                }
                explicit = pair;
                mergeWins = false;
            }
        }
        return new Lookup(explicit, merge, mergeWins);
    }

    private record Lookup(Pair explicit, Pair merge, boolean mergeWins) {}

    /** Whether a merge source (a mapping, an alias of one, or a list of them) sets a key. */
    boolean provides(Part source, String key, int depth) {
        if (depth > 1000) {
            return false;
        }
        if (source instanceof Alias alias) {
            return alias.target() != null && provides(alias.target(), key, depth + 1);
        }
        if (source instanceof Sequence sequence) {
            return sequence.items().stream().anyMatch(item -> provides(item, key, depth + 1));
        }
        if (source instanceof Mapping mapping) {
            return mapping.pairs().stream()
                    .anyMatch(pair ->
                            pair.isMerge() ? provides(pair.value(), key, depth + 1) : key.equals(pair.keyText()));
        }
        return false;
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof YamlScalar scalar && scalar.isNull();
    }

    private static String describe(YamlNode node) {
        return node == null ? "missing" : node.describeType();
    }

    /** The remaining path from a step on, which must be keys only (lists are never created). */
    List<String> keysFrom(int from) throws EditException {
        List<String> names = new ArrayList<>();
        for (int i = from; i < edit.path().size(); i++) {
            if (!(edit.path().get(i) instanceof String key)) {
                throw refuse(i, (i == 0 ? "is empty" : "does not exist") + ", and lists are never created");
            }
            names.add(key);
        }
        return names;
    }

    /**
     * The file's indentation step: the smallest positive indent between a key and the keys of a
     * block mapping below it, as written (merged keys live elsewhere); 2 when nothing is nested.
     */
    private int indentUnit(Part root) {
        int best = Integer.MAX_VALUE;
        Deque<Part> open = new ArrayDeque<>();
        if (root != null) {
            open.push(root);
        }
        for (int seen = 0; !open.isEmpty() && seen < 10_000; seen++) {
            if (!(open.pop() instanceof Mapping mapping) || mapping.isFlow()) {
                continue;
            }
            for (Pair pair : mapping.pairs()) {
                int entry = entryStart(pair);
                if (pair.value() instanceof Mapping child
                        && !child.isFlow()
                        && !child.pairs().isEmpty()
                        && entry >= 0) {
                    int childEntry = entryStart(child.pairs().get(0));
                    if (childEntry >= 0 && lines.lineStart(childEntry) > entry) {
                        int step = lines.padTo(childEntry).length()
                                - lines.padTo(entry).length();
                        if (step > 0) {
                            best = Math.min(best, step);
                        }
                    }
                    open.push(child);
                }
            }
        }
        return best == Integer.MAX_VALUE ? 2 : best;
    }

    // ---- messages ----

    /** "line 7" for a place in the text. */
    String line(int index) {
        return "line " + lines.lineNumber(index);
    }

    /**
     * A refusal: "cannot set a.b.c in values.yaml: a.b is …". The subject is the path down to
     * {@code depth} steps, or the document itself at depth 0. No value of the file is ever quoted
     * (it could be a credential); only the value the edit writes is.
     */
    EditException refuse(int depth, String why) {
        return new EditException(
                "cannot set " + edit.describePath() + " in " + file.displayName() + ": " + subject(depth) + " " + why);
    }

    /** A refusal for a construct, saying what to write by hand. */
    EditException refuseByHand(int depth, String why) {
        return new EditException("cannot set " + edit.describePath() + " in " + file.displayName() + ": "
                + subject(depth) + " " + why + "; set " + edit.describePath() + " to " + formatted(ScalarStyle.PLAIN)
                + " by hand");
    }

    private String subject(int depth) {
        if (depth <= 0) {
            return edit.document() == 0 ? "the document" : "document " + (edit.document() + 1);
        }
        List<Object> prefix = edit.path().subList(0, Math.min(depth, edit.path().size()));
        return new Edit(edit.document(), prefix, "", false).describePath();
    }

    // ---- text shared by the splices ----

    /** The edit's value as YAML text, keeping an existing quote style where the value allows. */
    String formatted(ScalarStyle existing) {
        return ScalarText.value(edit.value(), edit.mustQuote(), existing);
    }

    /** Block lines for new keys: the first at {@code pad}, each next one a step deeper, the value on the last. */
    String blockLines(List<String> names, String pad, String newline) {
        StringBuilder out = new StringBuilder();
        for (int j = 0; j < names.size(); j++) {
            if (j > 0) {
                out.append(newline);
            }
            String indent = pad + " ".repeat(j * unit);
            String key = ScalarText.key(names.get(j));
            out.append(indent);
            if (isLong(key)) {
                out.append("? ").append(key).append(newline).append(indent);
            } else {
                out.append(key);
            }
            out.append(':');
            if (j == names.size() - 1) {
                out.append(' ').append(formatted(ScalarStyle.PLAIN));
            }
        }
        return out.toString();
    }

    /**
     * The same keys as one flow entry: `a: {b: value}`; in JSON style (`"a": {"b": "value"}`) when
     * the mapping's own keys are written that way.
     */
    String flowEntry(List<String> names, boolean json) {
        String key = json ? ScalarText.doubleQuoted(names.get(0)) : ScalarText.key(names.get(0));
        if (isLong(key)) {
            key = "? " + key + " ";
        }
        if (names.size() == 1) {
            return key + ": " + formatted(json ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.PLAIN);
        }
        return key + ": {" + flowEntry(names.subList(1, names.size()), json) + "}";
    }

    /**
     * A key too long to be written as a simple `key:`: YAML (and SnakeYAML) look for the `:` of a
     * simple key within 1024 characters, so a longer one is written as an explicit `? key`.
     */
    private static boolean isLong(String writtenKey) {
        return writtenKey.codePointCount(0, writtenKey.length()) > 1000;
    }

    /** A key written in double quotes, as JSON writes every key. */
    static boolean isJsonKey(Part key) {
        return key instanceof Scalar scalar && scalar.style() == ScalarStyle.DOUBLE_QUOTED;
    }

    /** Where an anchor and a tag written before a node are, and where the node's own text starts. */
    record Properties(int anchorStart, int anchorEnd, int tagStart, int tagEnd, int valueStart, boolean comment) {

        boolean hasTag() {
            return tagStart >= 0;
        }

        boolean hasAnchor() {
            return anchorStart >= 0;
        }
    }

    Properties properties(Part part) {
        int anchorStart = -1;
        int anchorEnd = -1;
        int tagStart = -1;
        int tagEnd = -1;
        boolean comment = false;
        int i = part.start();
        int end = part.end();
        while (i < end) {
            char c = text.charAt(i);
            boolean anchor = c == '&' && part.anchor() != null && anchorStart < 0;
            boolean tag = c == '!' && part.tag() != null && tagStart < 0;
            if (!anchor && !tag) {
                break;
            }
            // An anchor's name is known (it may end at a `:` with no blank after it); a tag runs to a blank.
            int tokenEnd = anchor ? Math.min(end, i + 1 + part.anchor().length()) : i + 1;
            if (tag && tokenEnd < end && text.charAt(tokenEnd) == '<') {
                int close = text.indexOf('>', tokenEnd);
                tokenEnd = close < 0 || close >= end ? end : close + 1;
            }
            while (tag
                    && tokenEnd < end
                    && !TextLines.isBlank(text.charAt(tokenEnd))
                    && !TextLines.isBreak(text.charAt(tokenEnd))) {
                tokenEnd++;
            }
            if (anchor) {
                anchorStart = i;
                anchorEnd = tokenEnd;
            } else {
                tagStart = i;
                tagEnd = tokenEnd;
            }
            int next = lines.skipSpaceAndComments(tokenEnd, end);
            comment |= lines.holdsComment(tokenEnd, next);
            i = next;
        }
        return new Properties(anchorStart, anchorEnd, tagStart, tagEnd, i, comment);
    }

    /**
     * Where a pair starts: its `?` for an explicit key (which may stand on an earlier line, with
     * comments between), else its key; -1 for an empty key.
     */
    int entryStart(Pair pair) {
        Part key = pair.key();
        if (key instanceof Scalar scalar && scalar.isEmpty()) {
            return -1;
        }
        int i = key.start();
        while (i > 0 && TextLines.isBlank(text.charAt(i - 1))) {
            i--;
        }
        if (i > 0 && text.charAt(i - 1) == '?') {
            return i - 1;
        }
        // `?` alone on a line above the key: only blank and comment lines may stand between.
        for (int end = i; end > 0 && lines.startsLine(end); ) {
            int start = lines.lineStart(end - 1);
            Matcher line = EXPLICIT_KEY_LINE.matcher(text.substring(start, lines.lineEnd(start)));
            if (!line.matches()) {
                break;
            }
            if (line.group(1) != null) {
                return start + line.start(1);
            }
            end = start;
        }
        return key.start();
    }

    /** A line holding only `?` (group 1), or nothing, with blanks and a comment. */
    private static final Pattern EXPLICIT_KEY_LINE = Pattern.compile("[ \t\uFEFF]*(\\?)?[ \t]*(#.*)?");

    /** Just after the `:` that follows a pair's key, or -1 when there is none (`? key`, `{key}`). */
    int indicatorEnd(Pair pair) {
        int at = lines.skipSpaceAndComments(pair.key().end(), text.length());
        return at < text.length() && text.charAt(at) == ':' ? at + 1 : -1;
    }
}
