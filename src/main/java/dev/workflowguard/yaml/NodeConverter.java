package dev.workflowguard.yaml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns one composed SnakeYAML document into a {@link YamlNode} tree. An alias converts to the
 * very object its anchor converted to, so aliases cost nothing; the expanded size is still counted
 * (memoised per node) so that an alias bomb is refused before any rule walks it.
 */
final class NodeConverter {

    /** SnakeYAML's resolver only reads its tables once built, so one serves every document and thread. */
    private static final Resolver RESOLVER = new Resolver();

    private final SourceFile file;
    private final YamlLimits limits;
    private final Map<Node, YamlNode> converted = new IdentityHashMap<>();
    /** Expanded sizes of the collections converted; a scalar's is 1. */
    private final Map<Node, Long> expandedSize = new IdentityHashMap<>();

    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<DuplicateKey> duplicates = new ArrayList<>();

    NodeConverter(SourceFile file, YamlLimits limits) {
        this.file = file;
        this.limits = limits;
    }

    List<DuplicateKey> duplicates() {
        return duplicates;
    }

    /**
     * Walks a document without building its tree, only to find repeated keys (and refuse complex
     * keys): what a document no rule reads still owes. Each collection is visited once, so aliases
     * cannot multiply the work.
     */
    void findDuplicatesOnly(Node root) throws YamlException {
        walk(root, new ArrayDeque<>(), Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /**
     * @param path keys (String) and list indexes (Integer) down to the node, spelt out only for a duplicate
     * @param visited the anchored collections walked so far
     */
    private void walk(Node node, Deque<Object> path, Set<Node> visited) throws YamlException {
        if (node instanceof ScalarNode) {
            return;
        }
        // Only an anchored node can be reached twice (through an alias), so only those are remembered.
        if (node.getAnchor() != null && !visited.add(node)) {
            return;
        }
        if (node instanceof SequenceNode sequence) {
            int index = 0;
            for (Node item : sequence.getValue()) {
                path.addLast(index++);
                walk(item, path, visited);
                path.removeLast();
            }
            return;
        }
        List<NodeTuple> tuples = ((MappingNode) node).getValue();
        Map<String, ScalarNode> seen = new HashMap<>();
        for (NodeTuple tuple : tuples) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw complexKey(tuple.getKeyNode());
            }
            if (!(key.getTag().equals(Tag.MERGE) && key.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN)) {
                ScalarNode earlier = seen.put(key.getValue(), key);
                if (earlier != null) {
                    List<String> keys = path.stream()
                            .map(step -> step instanceof Integer index ? "[" + index + "]" : (String) step)
                            .toList();
                    duplicates.add(new DuplicateKey(keys, scalar(earlier), scalar(key)));
                }
            }
            path.addLast(key.getValue());
            walk(tuple.getValueNode(), path, visited);
            path.removeLast();
        }
    }

    YamlNode convertDocument(Node root) throws YamlException {
        YamlNode result = convert(root, null);
        long size = expandedSize.getOrDefault(root, 1L);
        if (size > Math.max(limits.maxExpandedNodes(), 4L * converted.size())) {
            throw new YamlException(
                    file.displayName(),
                    position(root.getStartMark()),
                    "aliases expand this document to more than " + limits.maxExpandedNodes()
                            + " nodes (an alias bomb?); refusing to read it");
        }
        return result;
    }

    private YamlNode convert(Node node, KeyPath path) throws YamlException {
        YamlNode done = converted.get(node);
        if (done != null) {
            return done;
        }
        if (!inProgress.add(node)) {
            throw new YamlException(
                    file.displayName(),
                    position(node.getStartMark()),
                    "an alias refers to a collection that contains it (a recursive structure); Helm cannot read it");
        }
        try {
            YamlNode result = switch (node.getNodeId()) {
                case scalar -> scalar((ScalarNode) node);
                case sequence -> sequence((SequenceNode) node, path);
                case mapping -> mapping((MappingNode) node, path);
                default ->
                    throw new YamlException(file.displayName(), position(node.getStartMark()), "unexpected YAML node");
            };
            converted.put(node, result);
            return result;
        } finally {
            inProgress.remove(node);
        }
    }

    private YamlScalar scalar(ScalarNode node) {
        ScalarStyle style = switch (node.getScalarStyle()) {
            case SINGLE_QUOTED -> ScalarStyle.SINGLE_QUOTED;
            case DOUBLE_QUOTED -> ScalarStyle.DOUBLE_QUOTED;
            case LITERAL -> ScalarStyle.LITERAL;
            case FOLDED -> ScalarStyle.FOLDED;
            default -> ScalarStyle.PLAIN;
        };
        return new YamlScalar(
                file,
                position(node.getStartMark()),
                position(node.getEndMark()),
                node.getValue(),
                style,
                helmType(node, style));
    }

    private HelmType helmType(ScalarNode node, ScalarStyle style) {
        String value = node.getValue();
        boolean plain = style == ScalarStyle.PLAIN;
        Tag tag = node.getTag();
        if (tag.equals(UntypedResolver.UNTAGGED)
                || tag.equals(Tag.MERGE)
                || tag.equals(RESOLVER.resolve(NodeId.scalar, value, plain))) {
            // No explicit tag: Helm's own rules decide.
            return plain ? HelmScalars.typeOfPlain(value) : HelmType.STRING;
        }
        if (tag.equals(Tag.STR)) {
            return HelmType.STRING;
        }
        if (tag.equals(Tag.NULL)) {
            return HelmType.NULL;
        }
        if (tag.equals(Tag.BOOL)) {
            return HelmScalars.isTrueWord(value) || HelmScalars.isFalseWord(value) ? HelmType.BOOL : HelmType.STRING;
        }
        if (tag.equals(Tag.INT)) {
            return HelmScalars.parseInt(value).isPresent() ? HelmType.INT : HelmType.STRING;
        }
        if (tag.equals(Tag.FLOAT)) {
            return HelmType.FLOAT;
        }
        return plain ? HelmScalars.typeOfPlain(value) : HelmType.STRING;
    }

    private YamlList sequence(SequenceNode node, KeyPath path) throws YamlException {
        List<YamlNode> items = new ArrayList<>(node.getValue().size());
        long size = 1;
        int index = 0;
        for (Node child : node.getValue()) {
            items.add(convert(child, new KeyPath(path, "[" + index++ + "]")));
            size = addSize(size, child);
        }
        expandedSize.put(node, size);
        return new YamlList(file, position(node.getStartMark()), position(node.getEndMark()), items);
    }

    private YamlMap mapping(MappingNode node, KeyPath path) throws YamlException {
        LinkedHashMap<String, YamlEntry> entries = new LinkedHashMap<>();
        Map<String, YamlScalar> explicitKeys = new LinkedHashMap<>();
        long size = 1;
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                throw complexKey(keyNode);
            }
            YamlScalar key = scalar(scalarKey);
            if (scalarKey.getTag().equals(Tag.MERGE) && key.style() == ScalarStyle.PLAIN) {
                // Go yaml v2 applies merge keys in order, later keys win; in a list of maps the first map wins.
                size = addSize(size, tuple.getValueNode());
                merge(tuple.getValueNode(), entries, path);
                continue;
            }
            YamlNode value = convert(tuple.getValueNode(), new KeyPath(path, key.text()));
            size = addSize(size, tuple.getValueNode()) + 1;
            YamlScalar earlier = explicitKeys.put(key.text(), key);
            if (earlier != null) {
                duplicates.add(new DuplicateKey(KeyPath.toList(path), earlier, key));
            }
            entries.remove(key.text());
            entries.put(key.text(), new YamlEntry(key, value));
        }
        expandedSize.put(node, size);
        return new YamlMap(file, position(node.getStartMark()), position(node.getEndMark()), entries);
    }

    private void merge(Node source, LinkedHashMap<String, YamlEntry> into, KeyPath path) throws YamlException {
        if (source instanceof MappingNode) {
            YamlMap merged = (YamlMap) convert(source, path);
            for (YamlEntry entry : merged.entries()) {
                into.remove(entry.name());
                into.put(entry.name(), entry);
            }
        } else if (source instanceof SequenceNode sequence) {
            List<Node> maps = sequence.getValue();
            for (int i = maps.size() - 1; i >= 0; i--) {
                if (!(maps.get(i) instanceof MappingNode)) {
                    throw new YamlException(
                            file.displayName(),
                            position(maps.get(i).getStartMark()),
                            "a merge key (<<) list may hold only mappings");
                }
                merge(maps.get(i), into, path);
            }
        } else {
            throw new YamlException(
                    file.displayName(),
                    position(source.getStartMark()),
                    "a merge key (<<) needs a mapping or a list of mappings");
        }
    }

    private long addSize(long size, Node child) throws YamlException {
        long total = size + expandedSize.getOrDefault(child, 1L);
        if (total > limits.maxExpandedNodes() && total > 4L * (converted.size() + 1)) {
            throw new YamlException(
                    file.displayName(),
                    position(child.getStartMark()),
                    "aliases expand this document to more than " + limits.maxExpandedNodes()
                            + " nodes (an alias bomb?); refusing to read it");
        }
        return total;
    }

    private YamlException complexKey(Node keyNode) {
        TextPosition at = position(keyNode.getStartMark());
        String problem = "a mapping key must be a string, but this one is a "
                + (keyNode.getNodeId() == NodeId.mapping ? "mapping" : "list");
        if (YamlLoader.looksLikeTemplate(file.text())) {
            problem += "; the file looks like a Helm template ({{ ... }}), not plain YAML";
        }
        return new YamlException(file.displayName(), at, problem);
    }

    private TextPosition position(Mark mark) {
        if (mark == null) {
            return TextPosition.START;
        }
        return file.positionOfMark(mark.getLine(), mark.getColumn(), mark.getIndex());
    }

    /** The keys leading to a node, shared between siblings; materialised only for a duplicate key. */
    private record KeyPath(KeyPath parent, String key) {
        static List<String> toList(KeyPath path) {
            List<String> keys = new ArrayList<>();
            for (KeyPath p = path; p != null; p = p.parent) {
                keys.add(0, p.key);
            }
            return keys;
        }
    }
}
