package dev.workflowguard.edit;

import dev.workflowguard.edit.EditPlan.Properties;
import dev.workflowguard.edit.Layout.Alias;
import dev.workflowguard.edit.Layout.Mapping;
import dev.workflowguard.edit.Layout.Pair;
import dev.workflowguard.edit.Layout.Part;
import dev.workflowguard.edit.Layout.Scalar;
import dev.workflowguard.edit.Layout.Sequence;
import java.util.List;

/**
 * Adds keys: after the last pair of a block or flow mapping, below an empty or null value, to a
 * mapping reached through an alias (by merging it), and to an empty or null document. New lines
 * take the indentation of their neighbours and the line break of the line they follow.
 */
final class KeySplices {

    private final EditPlan plan;
    private final String text;
    private final TextLines lines;

    KeySplices(EditPlan plan) {
        this.plan = plan;
        this.text = plan.text;
        this.lines = plan.lines;
    }

    // ---- into an existing mapping ----

    /**
     * Adds keys after every pair of the mapping, merge keys included, so that they win over merged
     * ones.
     *
     * @param holderKey the key whose value the mapping is, or null
     */
    void intoMapping(Mapping mapping, Part holderKey, List<String> keys, int depth) throws EditException {
        if (mapping.isFlow()) {
            int open = plan.properties(mapping).valueStart();
            if (open >= text.length() || text.charAt(open) != '{') {
                throw plan.refuseByHand(
                        depth,
                        "is a single-pair mapping written inside a flow sequence ([key: value], "
                                + plan.line(mapping.start()) + "), which cannot take a second key in place");
            }
            List<Pair> own =
                    mapping.pairs().stream().filter(pair -> !pair.isMerge()).toList();
            boolean json = own.isEmpty()
                    ? EditPlan.isJsonKey(holderKey)
                    : own.stream().allMatch(pair -> EditPlan.isJsonKey(pair.key()));
            intoFlowMapping(mapping, open, keys, json);
            return;
        }
        List<Pair> pairs = mapping.pairs();
        int column = plan.entryStart(pairs.get(0));
        if (column < 0) {
            throw plan.refuseByHand(depth, "starts with an empty key (" + plan.line(mapping.start()) + ")");
        }
        String pad = lines.padTo(column);
        Pair last = pairs.get(pairs.size() - 1);
        End end = endOf(last);
        switch (end.kind) {
            case AFTER_LINE -> {
                int at = lines.lineEnd(end.at);
                String newline = lines.breakOfLine(end.at);
                plan.add(Splice.insert(at, newline + plan.blockLines(keys, pad, newline)));
            }
            case LINE_START -> {
                String newline = lines.breakBefore(end.at);
                plan.add(Splice.insert(end.at, plan.blockLines(keys, pad, newline) + newline));
            }
            default -> {
                // A block scalar ends the file without a line break (or with blanks of its value): a line
                // after it would change its value, so the keys go before the pair it belongs to.
                int entry = plan.entryStart(last);
                if (entry < 0) {
                    throw plan.refuseByHand(
                            depth,
                            "ends with a block scalar (" + plan.line(end.at) + ") that no new"
                                    + " line can follow without changing its value, under an empty key");
                }
                if (lines.startsLine(entry)) {
                    int at = lines.lineStart(entry);
                    String newline = lines.breakBefore(at);
                    plan.add(Splice.insert(at, plan.blockLines(keys, pad, newline) + newline));
                } else {
                    // `- key: |` : the new key takes the place after the `- `, and the old one moves down a line.
                    String newline = lines.breakOfLine(entry);
                    String block = plan.blockLines(keys, pad, newline);
                    plan.add(Splice.insert(entry, block.substring(pad.length()) + newline + pad));
                }
            }
        }
    }

    /**
     * `{a: 1}` becomes `{a: 1, new: v}`; a trailing comma and comments stay where they are; in a
     * mapping written over several lines, with the closing brace on a line of its own, the new
     * pair gets a line of its own, aligned with the last pair.
     */
    private void intoFlowMapping(Mapping mapping, int open, List<String> keys, boolean json) {
        String entry = plan.flowEntry(keys, json);
        List<Pair> pairs = mapping.pairs();
        if (pairs.isEmpty()) {
            plan.add(Splice.insert(open + 1, entry));
            return;
        }
        int close = mapping.end() - 1;
        if (close <= open || text.charAt(close) != '}') {
            throw new IllegalStateException(
                    "the flow mapping at " + plan.line(mapping.start()) + " has no closing brace");
        }
        Pair last = pairs.get(pairs.size() - 1);
        int end = flowEnd(last);
        int next = lines.skipSpaceAndComments(end, close);
        boolean comma = next < close && text.charAt(next) == ',';
        int lineEnd = lines.lineEnd(end);
        if (lineEnd >= close) {
            // The last pair and the closing brace share a line.
            plan.add(comma ? Splice.insert(next + 1, " " + entry + ",") : Splice.insert(end, ", " + entry));
            return;
        }
        String pad = lines.padTo(plan.entryStart(last) < 0 ? last.key().start() : plan.entryStart(last));
        String newline = lines.breakOfLine(end);
        if (comma && next < lineEnd) {
            plan.add(Splice.insert(lineEnd, newline + pad + entry + ","));
        } else if (comma) {
            plan.add(Splice.insert(next + 1, " " + entry + ","));
        } else if (lineEnd == end) {
            plan.add(Splice.insert(end, "," + newline + pad + entry));
        } else {
            plan.add(Splice.insert(end, ","));
            plan.add(Splice.insert(lineEnd, newline + pad + entry));
        }
    }

    /** Where a pair of a flow collection ends: its value, or its `:` or key when the value is empty. */
    private int flowEnd(Pair pair) {
        if (pair.value() instanceof Scalar scalar && scalar.isEmpty()) {
            int colon = plan.indicatorEnd(pair);
            return colon >= 0 ? colon : pair.key().end();
        }
        return pair.value().end();
    }

    // ---- below a null value ----

    /** `key:`, `key: ~`, `key: null`, `key: *aliasOfNull`: the keys go below it. */
    void underNull(Mapping parent, Pair pair, List<String> keys, int depth) throws EditException {
        Part value = pair.value();
        if (value.anchor() != null && plan.layout.aliasesOf(value) > 0) {
            throw plan.refuseByHand(
                    depth,
                    "is anchored as &" + value.anchor() + " (" + plan.line(value.start())
                            + ") and aliases elsewhere share it, so a change would reach them too");
        }
        boolean empty = value instanceof Scalar scalar && scalar.isEmpty();
        if (!empty && plan.properties(value).comment()) {
            throw plan.refuseByHand(
                    depth, "has a comment between its anchor or tag and its value (" + plan.line(value.start()) + ")");
        }
        if (parent.isFlow()) {
            String flow = "{" + plan.flowEntry(keys, EditPlan.isJsonKey(pair.key())) + "}";
            if (!empty) {
                plan.add(new Splice(value.start(), value.end(), flow));
            } else {
                int colon = plan.indicatorEnd(pair);
                plan.add(
                        colon >= 0
                                ? Splice.insert(colon, " " + flow)
                                : Splice.insert(pair.key().end(), ": " + flow));
            }
            return;
        }
        int entry = plan.entryStart(pair);
        String pad = lines.padTo(entry) + " ".repeat(plan.unit);
        if (empty) {
            int colon = plan.indicatorEnd(pair);
            int at = lines.lineEnd(colon >= 0 ? colon : pair.key().end());
            String newline = lines.breakOfLine(at);
            String indicator = colon >= 0 ? "" : newline + lines.padTo(entry) + ":";
            plan.add(Splice.insert(at, indicator + newline + plan.blockLines(keys, pad, newline)));
            return;
        }
        replaceToken(value, plan.blockLines(keys, pad, lines.breakOfLine(value.end())), null);
    }

    /**
     * Replaces a value token by block lines: in place when the token starts its line, otherwise the
     * token goes and the lines follow its line ({@code lead}, when given, goes first on them).
     */
    private void replaceToken(Part token, String blockLines, String lead) {
        String newline = lines.breakOfLine(token.end());
        String body = lead == null ? blockLines : lead + newline + blockLines;
        if (lines.startsLine(token.start())) {
            if (!commentKeptAbove(token, body, newline)) {
                plan.add(new Splice(lines.lineStart(token.start()), token.end(), body));
            }
            return;
        }
        int from = token.start();
        while (from > 0 && TextLines.isBlank(text.charAt(from - 1))) {
            from--;
        }
        plan.add(new Splice(from, token.end(), ""));
        plan.add(Splice.insert(lines.lineEnd(token.end()), newline + body));
    }

    /**
     * A token alone on its line but for a comment after it (`~ # to do`), replaced by several lines:
     * the comment stays on its line, where it was, and the lines follow it (rather than the comment
     * ending up after the last of them). False when that is not the case.
     */
    private boolean commentKeptAbove(Part token, String body, String newline) {
        int after = lines.skipBlanks(token.end());
        if (after >= text.length() || text.charAt(after) != '#' || !body.contains(newline)) {
            return false;
        }
        plan.add(new Splice(token.start(), after, ""));
        plan.add(Splice.insert(lines.lineEnd(after), newline + body));
        return true;
    }

    // ---- through an alias ----

    /**
     * `key: *defaults` where keys must be added below key: the alias becomes a merge key of a
     * mapping of key's own (`<<: *defaults`), and the new keys follow it and win over merged ones.
     * The anchored mapping itself, shared with other places, is not touched.
     */
    void mergeAlias(Mapping parent, Pair pair, Alias alias, Mapping target, List<String> keys, int depth)
            throws EditException {
        if (keys.size() > 1 && plan.provides(target, keys.get(0), 0)) {
            throw plan.refuseByHand(
                    depth,
                    "is an alias (*" + alias.name() + ", " + plan.line(alias.start())
                            + ") of a mapping shared with other places, whose " + keys.get(0) + " cannot be changed in"
                            + " place; merging it (<<) is shallow, so a key below " + keys.get(0)
                            + " would need all of it"
                            + " repeated");
        }
        String merge = "<<: *" + alias.name();
        if (parent.isFlow()) {
            plan.add(new Splice(alias.start(), alias.end(), "{" + merge + ", " + plan.flowEntry(keys, false) + "}"));
            return;
        }
        String pad = lines.padTo(plan.entryStart(pair)) + " ".repeat(plan.unit);
        replaceToken(alias, plan.blockLines(keys, pad, lines.breakOfLine(alias.end())), pad + merge);
    }

    // ---- into an empty document ----

    /**
     * An empty file or document, or one that is only `~`/`null`: the keys become its mapping. A
     * written null is replaced (on a line of its own when it shares one with `---`); otherwise the
     * lines go before the document's `...`, before the next document's `---`, or at the end.
     */
    void intoEmptyDocument(Layout.Document document, Layout.Document next, List<String> keys) throws EditException {
        Part root = document == null ? null : document.root();
        if (root != null && !(root instanceof Scalar scalar && scalar.isEmpty())) {
            Properties properties = plan.properties(root);
            if (properties.comment()) {
                throw plan.refuseByHand(
                        0,
                        "is a null with a comment between its anchor or tag and its value (" + plan.line(root.start())
                                + ")");
            }
            if (lines.startsLine(root.start())) {
                // The null's own indentation (and a byte order mark before it) stays in front of the first key.
                String pad = lines.padTo(root.start());
                String newline = lines.breakOfLine(root.end());
                String body = plan.blockLines(keys, pad, newline);
                if (!commentKeptAbove(root, body, newline)) {
                    plan.add(new Splice(root.start(), root.end(), body.substring(pad.length())));
                }
            } else {
                replaceToken(root, plan.blockLines(keys, "", lines.breakOfLine(root.end())), null);
            }
            return;
        }
        int at;
        if (document != null && document.endMarker() >= 0) {
            at = document.endMarker();
        } else if (next != null && next.startMarker() >= 0) {
            at = next.startMarker();
        } else {
            at = text.length();
        }
        // A stream of directives only (`%YAML 1.1`) has no document: content after directives needs a `---`.
        String start = document == null && hasDirective() ? "---" : null;
        if (at == text.length() && (text.isEmpty() || text.equals("\uFEFF"))) {
            plan.add(Splice.insert(at, plan.blockLines(keys, "", "\n") + "\n"));
        } else if (at == text.length() && !TextLines.isBreak(text.charAt(at - 1))) {
            // Keep the file's choice of no final line break.
            String newline = lines.breakOfLine(at);
            String body = plan.blockLines(keys, "", newline);
            plan.add(Splice.insert(at, newline + (start == null ? body : start + newline + body)));
        } else {
            String newline = lines.breakBefore(at);
            String body = plan.blockLines(keys, "", newline);
            plan.add(Splice.insert(at, (start == null ? body : start + newline + body) + newline));
        }
    }

    /** Whether a line of the text starts with `%`: in a stream without documents, only a directive can. */
    private boolean hasDirective() {
        for (int i = 0; i < text.length(); i = lines.lineEnd(i) + 1) {
            int first = i < text.length() && text.charAt(i) == '\uFEFF' ? i + 1 : i;
            if (first < text.length() && text.charAt(first) == '%') {
                return true;
            }
        }
        return false;
    }

    // ---- where a pair's text ends ----

    /** How new lines attach after a node: after its last line, at a line start, or not at all after it. */
    private enum Kind {
        AFTER_LINE,
        LINE_START,
        NOTHING_AFTER
    }

    private record End(Kind kind, int at) {}

    private End endOf(Pair pair) {
        if (pair.value() instanceof Scalar scalar && scalar.isEmpty()) {
            int colon = plan.indicatorEnd(pair);
            return new End(Kind.AFTER_LINE, colon >= 0 ? colon : pair.key().end());
        }
        return endOf(pair.value());
    }

    private End endOf(Part part) {
        if (part instanceof Mapping mapping
                && !mapping.isFlow()
                && !mapping.pairs().isEmpty()) {
            return endOf(mapping.pairs().get(mapping.pairs().size() - 1));
        }
        if (part instanceof Sequence sequence
                && !sequence.isFlow()
                && !sequence.items().isEmpty()) {
            Part item = sequence.items().get(sequence.items().size() - 1);
            // An empty item's place is just after its `-`.
            return item instanceof Scalar scalar && scalar.isEmpty()
                    ? new End(Kind.AFTER_LINE, scalar.start())
                    : endOf(item);
        }
        if (part instanceof Scalar scalar && scalar.isBlock()) {
            return endOfBlock(scalar);
        }
        return new End(Kind.AFTER_LINE, part.end());
    }

    /**
     * A block scalar's span runs past its trailing line breaks. With keep chomping (`|+`) they are
     * part of the value, so new lines go after all of them; otherwise after the last content line.
     * When that line ends the file without a line break (and the value would gain one), or ends the
     * value with blanks that a line break after them would separate from it, no line can follow.
     */
    private End endOfBlock(Scalar scalar) {
        int header = plan.properties(scalar).valueStart();
        boolean keep = false;
        boolean strip = false;
        for (int i = header + 1; i < scalar.end() && "+-0123456789".indexOf(text.charAt(i)) >= 0; i++) {
            keep |= text.charAt(i) == '+';
            strip |= text.charAt(i) == '-';
        }
        int headerLineEnd = lines.lineEnd(header);
        int content = lines.trimBack(scalar.end(), headerLineEnd);
        boolean hasContent = content > headerLineEnd;
        if (keep && scalar.end() > headerLineEnd && lines.startsLine(scalar.end())) {
            return new End(Kind.LINE_START, lines.lineStart(scalar.end()));
        }
        if (!hasContent) {
            return new End(Kind.AFTER_LINE, header);
        }
        String value = scalar.value();
        int valueEnd = value.length();
        while (valueEnd > 0 && value.charAt(valueEnd - 1) == '\n') {
            valueEnd--;
        }
        if (valueEnd > 0 && TextLines.isBlank(value.charAt(valueEnd - 1))) {
            // Its last line is made of blanks that belong to the value (more indented than the content):
            // no line is slipped in before them.
            return new End(Kind.NOTHING_AFTER, content);
        }
        if (strip || (!keep && lines.lineEnd(content) < text.length())) {
            return new End(Kind.AFTER_LINE, content);
        }
        return new End(Kind.NOTHING_AFTER, content);
    }
}
