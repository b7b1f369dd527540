package dev.workflowguard.edit;

import dev.workflowguard.edit.EditPlan.Properties;
import dev.workflowguard.edit.Layout.Alias;
import dev.workflowguard.edit.Layout.Mapping;
import dev.workflowguard.edit.Layout.Pair;
import dev.workflowguard.edit.Layout.Part;
import dev.workflowguard.edit.Layout.Scalar;
import dev.workflowguard.edit.Layout.Sequence;
import dev.workflowguard.yaml.ScalarStyle;
import dev.workflowguard.yaml.YamlNode;
import java.util.Set;

/**
 * Replaces an existing value: a scalar in any style, an alias of one, an empty value. Only the
 * value's own text changes: its anchor stays, a comment after a block scalar's header stays, and a
 * standard tag (`!!bool "true"`) goes, because the edit says how the value is to be typed.
 */
final class ValueSplices {

    /** Tags that only say how to type the value; the edit's own style says that instead. */
    private static final Set<String> TYPING_TAGS = Set.of(
            "!",
            "tag:yaml.org,2002:str",
            "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
            "tag:yaml.org,2002:null");

    private final EditPlan plan;
    private final String text;
    private final TextLines lines;

    ValueSplices(EditPlan plan) {
        this.plan = plan;
        this.text = plan.text;
        this.lines = plan.lines;
    }

    /**
     * @param pair the pair whose value this is, or null for a list item
     * @param container the mapping or list holding it
     * @param depth the path steps down to the value, for messages
     */
    void replace(Part value, YamlNode logical, Pair pair, Part container, int depth) throws EditException {
        if (value instanceof Alias alias) {
            if (!(alias.target() instanceof Scalar)) {
                throw plan.refuse(
                        depth,
                        "is " + logical.describeType() + " (through the alias *" + alias.name() + ", "
                                + plan.line(alias.start()) + "); only scalars are replaced");
            }
            // The alias is replaced, never the anchored value it shares with other places.
            plan.add(new Splice(alias.start(), alias.end(), plan.formatted(ScalarStyle.PLAIN)));
            return;
        }
        if (!(value instanceof Scalar scalar)) {
            throw plan.refuse(
                    depth,
                    "is " + logical.describeType() + " (" + plan.line(value.start()) + "); only scalars are replaced");
        }
        if (scalar.anchor() != null && plan.layout.aliasesOf(scalar) > 0) {
            throw plan.refuseByHand(
                    depth,
                    "is anchored as &" + scalar.anchor() + " (" + plan.line(scalar.start())
                            + ") and aliases elsewhere share it, so a change would reach them too");
        }
        if (scalar.isEmpty()) {
            fillEmpty(scalar, pair, container, depth);
            return;
        }
        Properties properties = plan.properties(scalar);
        if (properties.hasTag() && !TYPING_TAGS.contains(scalar.tag())) {
            throw plan.refuseByHand(
                    depth,
                    "is tagged " + text.substring(properties.tagStart(), properties.tagEnd())
                            + " (" + plan.line(scalar.start())
                            + "), a tag the fixer does not rewrite (only !!str, !!bool,"
                            + " !!int, !!float and !!null are dropped in favour of the style the new value needs)");
        }
        if (properties.valueStart() >= scalar.end()) {
            replaceProperties(properties);
            return;
        }
        if (properties.hasTag()) {
            removeTag(properties);
        }
        if (scalar.isBlock()) {
            replaceBlock(scalar, properties.valueStart());
            return;
        }
        String written = plan.formatted(scalar.style());
        int start = properties.valueStart();
        // `&name:value`: an anchor may end where a plain value begins; any other value needs a blank after it.
        String gap = start > scalar.start()
                        && !TextLines.isBlank(text.charAt(start - 1))
                        && !TextLines.isBreak(text.charAt(start - 1))
                ? " "
                : "";
        plan.add(new Splice(start, scalar.end(), gap + written));
        untabAfter(scalar.end(), written);
    }

    /**
     * SnakeYAML takes a tab between a value and its comment only after a plain scalar: when a
     * quoted value replaces a plain one, tabs there become spaces (the line changes anyway).
     */
    private void untabAfter(int end, String written) {
        if (!written.startsWith("\"") && !written.startsWith("'")) {
            return;
        }
        int blanks = lines.skipBlanks(end);
        String gap = text.substring(end, blanks);
        if (gap.indexOf('\t') >= 0) {
            plan.add(new Splice(end, blanks, gap.replace('\t', ' ')));
        }
    }

    /**
     * `key: !!null`, `key: &a`, `key: &a !!null`: properties and no value text. The value takes the
     * tag's place, or follows the anchor; comments between them stay.
     */
    private void replaceProperties(Properties properties) {
        String value = plan.formatted(ScalarStyle.PLAIN);
        if (properties.hasTag() && properties.tagEnd() > properties.anchorEnd()) {
            plan.add(new Splice(properties.tagStart(), properties.tagEnd(), value));
            return;
        }
        if (properties.hasTag()) {
            removeTag(properties);
        }
        plan.add(Splice.insert(properties.anchorEnd(), " " + value));
    }

    /** Drops a tag and the blanks after it, or, when the value starts on a later line, the blanks before it. */
    private void removeTag(Properties properties) {
        int after = lines.skipBlanks(properties.tagEnd());
        if (after < text.length() && !TextLines.isBreak(text.charAt(after)) && text.charAt(after) != '#') {
            plan.add(new Splice(properties.tagStart(), after, ""));
            return;
        }
        int before = properties.tagStart();
        while (before > 0 && TextLines.isBlank(text.charAt(before - 1))) {
            before--;
        }
        plan.add(new Splice(before, properties.tagEnd(), ""));
    }

    /**
     * A block scalar (`|`, `>`, with chomping and indentation indicators): its header indicator
     * becomes the value and its content lines go; a comment after the header stays, and so do the
     * line breaks after the content, which separate it from what follows.
     */
    private void replaceBlock(Scalar scalar, int header) {
        int indicatorEnd = header + 1;
        while (indicatorEnd < scalar.end() && "+-0123456789".indexOf(text.charAt(indicatorEnd)) >= 0) {
            indicatorEnd++;
        }
        plan.add(new Splice(header, indicatorEnd, plan.formatted(ScalarStyle.PLAIN)));
        int headerLineEnd = lines.lineEnd(indicatorEnd);
        int contentEnd = lines.trimBack(scalar.end(), headerLineEnd);
        if (contentEnd > headerLineEnd) {
            plan.add(new Splice(headerLineEnd, contentEnd, ""));
        }
    }

    /** An empty value: `key:`, `key: # note`, `{key}`, `? key`, a bare `-` item. */
    private void fillEmpty(Scalar scalar, Pair pair, Part container, int depth) throws EditException {
        String value = plan.formatted(ScalarStyle.PLAIN);
        if (pair == null) {
            int dash = scalar.start();
            while (dash > 0 && TextLines.isBlank(text.charAt(dash - 1))) {
                dash--;
            }
            if (container instanceof Sequence sequence
                    && !sequence.isFlow()
                    && dash > 0
                    && text.charAt(dash - 1) == '-') {
                plan.add(Splice.insert(dash, " " + value));
                return;
            }
            throw plan.refuseByHand(
                    depth, "is an empty list item whose place could not be told (" + plan.line(scalar.start()) + ")");
        }
        int colon = plan.indicatorEnd(pair);
        if (colon >= 0) {
            plan.add(Splice.insert(colon, " " + value));
            return;
        }
        if (container instanceof Mapping mapping && mapping.isFlow()) {
            plan.add(Splice.insert(pair.key().end(), ": " + value));
            return;
        }
        // `? key` with no value: the value goes on the next line, under the `?`.
        int entry = plan.entryStart(pair);
        int lineEnd = lines.lineEnd(pair.key().end());
        String newline = lines.breakOfLine(lineEnd);
        plan.add(Splice.insert(lineEnd, newline + lines.padTo(entry) + ": " + value));
    }
}
