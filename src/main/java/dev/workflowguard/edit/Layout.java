package dev.workflowguard.edit;

import dev.workflowguard.yaml.ScalarStyle;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;

/**
 * What the text of one document literally holds, node by node, as SnakeYAML's parser reports it:
 * where every node is, its anchor and explicit tag, whether a collection is written in flow style,
 * every pair of a mapping in text order (merge keys included), and every alias as a node of its own
 * at its own place. The composed tree the checks read cannot say any of this: there an alias is
 * its anchor's node and merged keys are mixed in with a mapping's own. Positions are char indices
 * into the file's text.
 */
final class Layout {

    /** The long form of the merge key's tag, `!!merge`. */
    static final String MERGE_TAG = "tag:yaml.org,2002:merge";

    /** A node as written: [start, end) covers its anchor and tag too. */
    sealed interface Part permits Scalar, Alias, Collection {
        int start();

        int end();

        /** The anchor name (without &) or null. */
        String anchor();

        /** The explicit tag as the parser resolved it (`tag:yaml.org,2002:str`, `!custom`), or null. */
        String tag();
    }

    record Scalar(int start, int end, String anchor, String tag, ScalarStyle style, String value) implements Part {

        /** An empty value (`key:`), which takes no text at all. */
        boolean isEmpty() {
            return start == end;
        }

        boolean isBlock() {
            return style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED;
        }
    }

    /** An alias occurrence (`*name`) and the node it stands for. */
    record Alias(int start, int end, String name, Part target) implements Part {
        @Override
        public String anchor() {
            return null;
        }

        @Override
        public String tag() {
            return null;
        }
    }

    /** One `key: value` of a mapping as written. */
    record Pair(Part key, Part value) {

        /** A merge key: a plain `<<` (or one tagged !!merge), as the loader reads it. */
        boolean isMerge() {
            return key instanceof Scalar scalar
                    && scalar.style() == ScalarStyle.PLAIN
                    && ((scalar.tag() == null && scalar.value().equals("<<")) || MERGE_TAG.equals(scalar.tag()));
        }

        /** The key's text; an aliased key has its anchor's; null for a key that is not a scalar. */
        String keyText() {
            Part resolved = key instanceof Alias alias ? alias.target() : key;
            return resolved instanceof Scalar scalar ? scalar.value() : null;
        }
    }

    /** A mapping or a sequence: its end is known only once the parser leaves it. */
    abstract static sealed class Collection implements Part permits Mapping, Sequence {
        private final int start;
        private int end;
        private final String anchor;
        private final String tag;
        private final boolean flow;

        Collection(int start, String anchor, String tag, boolean flow) {
            this.start = start;
            this.anchor = anchor;
            this.tag = tag;
            this.flow = flow;
        }

        @Override
        public int start() {
            return start;
        }

        @Override
        public int end() {
            return end;
        }

        @Override
        public String anchor() {
            return anchor;
        }

        @Override
        public String tag() {
            return tag;
        }

        boolean isFlow() {
            return flow;
        }
    }

    static final class Mapping extends Collection {
        private final List<Pair> pairs = new ArrayList<>();

        Mapping(int start, String anchor, String tag, boolean flow) {
            super(start, anchor, tag, flow);
        }

        /** The pairs in text order, merge keys included. */
        List<Pair> pairs() {
            return pairs;
        }
    }

    static final class Sequence extends Collection {
        private final List<Part> items = new ArrayList<>();

        Sequence(int start, String anchor, String tag, boolean flow) {
            super(start, anchor, tag, flow);
        }

        List<Part> items() {
            return items;
        }
    }

    /**
     * One document of the stream.
     *
     * @param startMarker where its `---` starts, or -1 when it has none
     * @param startMarkerEnd just after its `---`, or -1
     * @param endMarker where its `...` starts, or -1 when it has none
     * @param root its node as written; built for the edited document only, null for the others
     */
    record Document(int startMarker, int startMarkerEnd, int endMarker, Part root) {}

    private final List<Document> documents;
    private final Map<Part, Integer> aliases;

    private Layout(List<Document> documents, Map<Part, Integer> aliases) {
        this.documents = documents;
        this.aliases = aliases;
    }

    List<Document> documents() {
        return documents;
    }

    /** How many aliases of the edited document stand for this node. */
    int aliasesOf(Part part) {
        return aliases.getOrDefault(part, 0);
    }

    /**
     * Lays out a file the loader has read without error; only the document {@code edited} gets
     * its nodes, the others only their markers.
     */
    static Layout of(SourceFile file, YamlLimits limits, int edited) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxNestingDepth());
        options.setCodePointLimit(limits.maxDocumentCodePoints());
        options.setProcessComments(false);
        ParserImpl parser = new ParserImpl(YamlLoader.reader(file.text()), options);
        Builder builder = new Builder(file, edited);
        while (parser.peekEvent() != null) {
            Event event = parser.getEvent();
            if (event.is(Event.ID.StreamEnd)) {
                break;
            }
            builder.accept(event);
        }
        return new Layout(List.copyOf(builder.documents), builder.aliases);
    }

    /** Turns the event stream into documents and, for the edited one, nodes. */
    private static final class Builder {
        private final SourceFile file;
        private final int edited;
        private final List<Document> documents = new ArrayList<>();
        private final Map<Part, Integer> aliases = new IdentityHashMap<>();
        private final Map<String, Part> anchors = new HashMap<>();
        /** Open collections; a mapping's frame holds its pending key. */
        private final Deque<Frame> open = new ArrayDeque<>();

        private int startMarker = -1;
        private int startMarkerEnd = -1;
        private Part root;

        private static final class Frame {
            final Collection collection;
            Part pendingKey;

            Frame(Collection collection) {
                this.collection = collection;
            }
        }

        Builder(SourceFile file, int edited) {
            this.file = file;
            this.edited = edited;
        }

        private int at(Mark mark) {
            return file.charIndex(mark.getIndex());
        }

        void accept(Event event) {
            if (event instanceof DocumentStartEvent start) {
                boolean explicit = start.getExplicit();
                startMarker = explicit ? at(start.getStartMark()) : -1;
                startMarkerEnd = explicit ? at(start.getEndMark()) : -1;
                root = null;
                anchors.clear();
                return;
            }
            if (event instanceof DocumentEndEvent end) {
                documents.add(new Document(
                        startMarker, startMarkerEnd, end.getExplicit() ? at(end.getStartMark()) : -1, root));
                return;
            }
            if (documents.size() != edited) {
                return; // only the edited document is laid out node by node
            }
            if (event instanceof ScalarEvent scalar) {
                Scalar part = new Scalar(
                        at(scalar.getStartMark()),
                        at(scalar.getEndMark()),
                        scalar.getAnchor(),
                        scalar.getTag(),
                        style(scalar.getScalarStyle()),
                        scalar.getValue());
                define(part);
                add(part);
            } else if (event instanceof AliasEvent alias) {
                Part target = anchors.get(alias.getAnchor());
                Alias part = new Alias(at(alias.getStartMark()), at(alias.getEndMark()), alias.getAnchor(), target);
                if (target != null) {
                    aliases.merge(target, 1, Integer::sum);
                }
                add(part);
            } else if (event instanceof CollectionStartEvent start) {
                boolean flow = start.getFlowStyle() == DumperOptions.FlowStyle.FLOW;
                Collection part = start instanceof MappingStartEvent
                        ? new Mapping(at(start.getStartMark()), start.getAnchor(), start.getTag(), flow)
                        : new Sequence(at(start.getStartMark()), start.getAnchor(), start.getTag(), flow);
                define(part);
                add(part);
                open.push(new Frame(part));
            } else if (event.is(Event.ID.MappingEnd) || event.is(Event.ID.SequenceEnd)) {
                open.pop().collection.end = at(event.getEndMark());
            }
        }

        private void define(Part part) {
            if (part.anchor() != null) {
                anchors.put(part.anchor(), part);
            }
        }

        private void add(Part part) {
            Frame frame = open.peek();
            if (frame == null) {
                root = part;
            } else if (frame.collection instanceof Sequence sequence) {
                sequence.items.add(part);
            } else if (frame.pendingKey == null) {
                frame.pendingKey = part;
            } else {
                ((Mapping) frame.collection).pairs.add(new Pair(frame.pendingKey, part));
                frame.pendingKey = null;
            }
        }

        private static ScalarStyle style(DumperOptions.ScalarStyle style) {
            return switch (style) {
                case SINGLE_QUOTED -> ScalarStyle.SINGLE_QUOTED;
                case DOUBLE_QUOTED -> ScalarStyle.DOUBLE_QUOTED;
                case LITERAL -> ScalarStyle.LITERAL;
                case FOLDED -> ScalarStyle.FOLDED;
                default -> ScalarStyle.PLAIN;
            };
        }
    }
}
