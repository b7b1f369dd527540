package dev.workflowguard.yaml;

import java.io.StringReader;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes YAML into position-carrying trees. Only SnakeYAML's composer runs: no object is ever
 * constructed from a tag (the class of bug behind CVE-2022-1471), custom global tags are refused,
 * and every limit in {@link YamlLimits} is enforced with a message that names the file.
 */
public final class YamlLoader {

    private static final Pattern TEMPLATE_ACTION = Pattern.compile("\\{\\{-?\\s*[-.$a-zA-Z(/\"]");
    private static final Pattern SOURCE_COMMENT = Pattern.compile("(?m)^#\\s*Source:\\s*(\\S.*?)\\s*$");

    private final YamlLimits limits;

    public YamlLoader(YamlLimits limits) {
        this.limits = limits;
    }

    public YamlLimits limits() {
        return limits;
    }

    /** Receives documents one at a time, so a large stream never needs to be held whole. */
    @FunctionalInterface
    public interface DocumentHandler {
        void handle(YamlDocument document) throws YamlException;
    }

    /** Every document of the file, in order. */
    public List<YamlDocument> loadAll(SourceFile file) throws YamlException {
        List<YamlDocument> documents = new ArrayList<>();
        forEachDocument(file, documents::add);
        return documents;
    }

    /** The first document only, which is what Helm reads from a values file; null for an empty file. */
    public YamlDocument loadFirst(SourceFile file) throws YamlException {
        YamlDocument[] first = new YamlDocument[1];
        forEachDocument(file, EVERY_DOCUMENT, document -> first[0] = document, 1);
        return first[0];
    }

    /**
     * Decides, from a document's `kind` and `metadata.name` (read without building its tree), whether
     * the tree is needed. Building trees is most of the cost of reading a large render; documents no
     * rule reads are only checked for repeated keys.
     */
    @FunctionalInterface
    public interface Selector {
        boolean convert(String kind, String name, boolean hasStringData);
    }

    private static final Selector EVERY_DOCUMENT = (kind, name, hasStringData) -> true;

    /** Streams the file's documents to the handler; the handler may drop each one when done. */
    public void forEachDocument(SourceFile file, DocumentHandler handler) throws YamlException {
        forEachDocument(file, EVERY_DOCUMENT, handler, Integer.MAX_VALUE);
    }

    /** Streams the file's documents, building trees only for those the selector wants. */
    public void forEachDocument(SourceFile file, Selector selector, DocumentHandler handler) throws YamlException {
        forEachDocument(file, selector, handler, Integer.MAX_VALUE);
    }

    private void forEachDocument(SourceFile file, Selector selector, DocumentHandler handler, int maxDocuments)
            throws YamlException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxNestingDepth());
        options.setCodePointLimit(limits.maxDocumentCodePoints());
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        options.setMergeOnCompose(false);
        String text = file.text();
        StreamReader reader = reader(text);
        Composer composer = new Composer(new ParserImpl(reader, options), COMPOSER_RESOLVER, options);
        int index = 0;
        int previousEnd = 0;
        try {
            Iterator<Node> nodes = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    try {
                        return composer.checkNode();
                    } catch (IllegalArgumentException e) {
                        throw new UnreadableTag(e);
                    }
                }

                @Override
                public Node next() {
                    try {
                        return composer.getNode();
                    } catch (IllegalArgumentException e) {
                        throw new UnreadableTag(e);
                    }
                }
            };
            while (index < maxDocuments && nodes.hasNext()) {
                Node node = nodes.next();
                NodeConverter converter = new NodeConverter(file, limits);
                Peek peek = Peek.of(node);
                boolean convert = node == null || selector.convert(peek.kind(), peek.name(), peek.hasStringData());
                YamlNode root = null;
                if (convert) {
                    root = node == null ? null : converter.convertDocument(node);
                } else {
                    converter.findDuplicatesOnly(node);
                }
                int start = node == null ? previousEnd : node.getStartMark().getIndex();
                String source = sourceComment(file, previousEnd, start);
                handler.handle(new YamlDocument(
                        file,
                        index++,
                        root,
                        List.copyOf(converter.duplicates()),
                        source,
                        peek.kind(),
                        peek.name(),
                        convert));
                if (node != null) {
                    previousEnd = node.getEndMark().getIndex();
                }
            }
        } catch (MarkedYAMLException e) {
            throw syntaxError(file, e);
        } catch (ReaderException e) {
            throw new YamlException(
                    file.displayName(),
                    file.positionOf(e.getPosition()),
                    "contains the character U+" + String.format("%04X", e.getCodePoint())
                            + ", which YAML does not allow (is this a binary file?)");
        } catch (YAMLException e) {
            throw limitError(file, e, readerPosition(file, reader));
        } catch (UnreadableTag e) {
            // SnakeYAML's composer builds a Tag from a tag's text and throws this (not a YAMLException) for a tag
            // that is empty or has spaces around it once its %-escapes are decoded, e.g. `!%b`. The reader has
            // just passed the tag: its position is where to look. SnakeYAML's words are not repeated (they could
            // quote the input).
            Mark at = reader.getMark();
            throw new YamlException(
                    file.displayName(),
                    file.positionOfMark(at.getLine(), at.getColumn(), at.getIndex()),
                    "has a tag that cannot be read (empty, or with spaces around it once its "
                            + "%-escapes are decoded)");
        } catch (StackOverflowError e) {
            throw new YamlException(
                    file.displayName(),
                    readerPosition(file, reader),
                    "nests too deeply to be read (limit maxNestingDepth " + limits.maxNestingDepth() + ")");
        }
    }

    /** A document's kind, metadata.name and whether it has stringData, read off the composed nodes: cheap. */
    private record Peek(String kind, String name, boolean hasStringData) {

        static Peek of(Node node) {
            String kind = null;
            String name = null;
            boolean hasStringData = false;
            if (node instanceof MappingNode map) {
                for (NodeTuple tuple : map.getValue()) {
                    if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                        continue;
                    }
                    switch (key.getValue()) {
                        case "kind" -> kind = tuple.getValueNode() instanceof ScalarNode k ? k.getValue() : null;
                        case "stringData" -> hasStringData = true;
                        case "metadata" -> name = metadataName(tuple.getValueNode(), name);
                        default -> {}
                    }
                }
            }
            return new Peek(kind, name, hasStringData);
        }

        /** The last `name` of a metadata mapping, or {@code otherwise} when it has none. */
        private static String metadataName(Node metadata, String otherwise) {
            String name = otherwise;
            if (metadata instanceof MappingNode map) {
                for (NodeTuple field : map.getValue()) {
                    if (field.getKeyNode() instanceof ScalarNode key
                            && key.getValue().equals("name")
                            && field.getValueNode() instanceof ScalarNode value) {
                        name = value.getValue();
                    }
                }
            }
            return name;
        }
    }

    /** SnakeYAML's composer refused a tag with an IllegalArgumentException (not one of its YAMLExceptions). */
    private static final class UnreadableTag extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableTag(IllegalArgumentException cause) {
            super(cause);
        }
    }

    /** Characters SnakeYAML's reader takes in at a time (its own default is 1,023). */
    private static final int READ_CHUNK = 1 << 20;

    /**
     * SnakeYAML's reader takes in 1,023 characters at a time and copies its whole unread window on
     * each refill, so a single long token (a multi-megabyte line, a blob in a rendered ConfigMap)
     * costs time quadratic in its length: a 2.4 MB line took 13 s, a 16 MB one would take many
     * minutes. Refilling 1 Mi characters at a time makes that linear. The refill buffer is a private
     * field of SnakeYAML's reader; should a later SnakeYAML rename it, the stock reader is used
     * (still correct, only slow on long tokens; HostileInputTest's long-line case would then time out).
     * Public for the editor, which reads the parser's events of a file the loader has read.
     */
    public static StreamReader reader(String text) {
        StreamReader reader = new StreamReader(new StringReader(text));
        if (BUFFER != null) {
            try {
                BUFFER.set(reader, new char[(int) Math.min(text.length() + 2L, READ_CHUNK)]);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // keep SnakeYAML's own buffer
            }
        }
        return reader;
    }

    /** SnakeYAML's reader buffer field, looked up once; null when it cannot be used. */
    private static final Field BUFFER = bufferField();

    private static Field bufferField() {
        try {
            Field buffer = StreamReader.class.getDeclaredField("buffer");
            if (buffer.getType() != char[].class) {
                return null;
            }
            buffer.setAccessible(true);
            return buffer;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The composer only reads the resolver's tables once built: one serves every file and thread. */
    private static final Resolver COMPOSER_RESOLVER = new UntypedResolver();

    private YamlException syntaxError(SourceFile file, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        TextPosition at = mark == null ? null : file.positionOfMark(mark.getLine(), mark.getColumn(), mark.getIndex());
        StringBuilder problem = new StringBuilder();
        problem.append(e.getProblem() == null ? "is not valid YAML" : e.getProblem());
        if (e.getContext() != null) {
            problem.append(" (").append(e.getContext());
            Mark context = e.getContextMark();
            if (context != null
                    && (mark == null
                            || context.getLine() != mark.getLine()
                            || context.getColumn() != mark.getColumn())) {
                problem.append(" that started at ")
                        .append(file.positionOfMark(context.getLine(), context.getColumn(), context.getIndex()));
            }
            problem.append(')');
        }
        if (problem.toString().startsWith("Global tag is not allowed")) {
            problem.setLength(0);
            problem.append("uses a global tag that names a class; tags that construct objects are never honoured");
        } else if (problem.toString().startsWith("found undefined alias")) {
            // SnakeYAML names the alias, which is the rest of an unquoted value that starts with '*': often a
            // password (`password: *Tr0ub4dor`). The name is never repeated.
            problem.setLength(0);
            problem.append("uses an alias (*...) that no anchor defines; a value that starts with * must be quoted");
        }
        int templateLine = templateLine(file.text());
        if (templateLine > 0) {
            problem.append("; the file looks like a Helm template (a {{ ... }} action at line ")
                    .append(templateLine)
                    .append("), not plain YAML");
        }
        return new YamlException(file.displayName(), at, problem.toString());
    }

    /**
     * Where the reader stopped: for an error SnakeYAML raises without a mark (a limit), the place the
     * limit was crossed - the deep node, the alias over the count, the character over the length.
     */
    private static TextPosition readerPosition(SourceFile file, StreamReader reader) {
        Mark at = reader.getMark();
        return file.positionOfMark(at.getLine(), at.getColumn(), at.getIndex());
    }

    private YamlException limitError(SourceFile file, YAMLException e, TextPosition at) {
        String message = String.valueOf(e.getMessage());
        String problem;
        if (message.startsWith("Nesting Depth exceeded")) {
            problem = "nests collections deeper than " + limits.maxNestingDepth()
                    + " levels (raise maxNestingDepth if this is intended)";
        } else if (message.startsWith("The incoming YAML document exceeds the limit")) {
            problem = "has a document longer than " + limits.maxDocumentCodePoints() + " characters";
        } else if (message.startsWith("Number of aliases")) {
            problem = "uses more than " + limits.maxAliases()
                    + " aliases to collections (an alias bomb? raise maxAliases " + "if this is intended)";
        } else {
            problem = "cannot be read as YAML: " + message;
        }
        return new YamlException(file.displayName(), at, problem);
    }

    /** The `# Source:` template named between the previous document and this one, as `helm template` writes it. */
    private static String sourceComment(SourceFile file, int fromCodePoint, int toCodePoint) {
        String text = file.text();
        int from = file.charIndex(fromCodePoint);
        int to = file.charIndex(toCodePoint);
        if (to <= from) {
            return null;
        }
        Matcher matcher = SOURCE_COMMENT.matcher(text).region(from, to);
        String found = null;
        while (matcher.find()) {
            found = matcher.group(1);
        }
        return found;
    }

    static boolean looksLikeTemplate(String text) {
        return templateLine(text) > 0;
    }

    /** The first line holding a Go template action outside a comment, or 0. */
    static int templateLine(String text) {
        Matcher matcher = TEMPLATE_ACTION.matcher(text);
        while (matcher.find()) {
            int lineStart = text.lastIndexOf('\n', matcher.start()) + 1;
            String before = text.substring(lineStart, matcher.start());
            if (before.contains("#")) {
                continue;
            }
            int line = 1;
            for (int i = 0; i < matcher.start(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }
        return 0;
    }
}
