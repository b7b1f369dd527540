package dev.workflowguard.yaml;

import java.util.List;

/** A sequence. */
public final class YamlList implements YamlNode {

    private final SourceFile file;
    private final TextPosition start;
    private final TextPosition end;
    private final List<YamlNode> items;

    public YamlList(SourceFile file, TextPosition start, TextPosition end, List<YamlNode> items) {
        this.file = file;
        this.start = start;
        this.end = end;
        this.items = List.copyOf(items);
    }

    @Override
    public SourceFile file() {
        return file;
    }

    @Override
    public TextPosition start() {
        return start;
    }

    @Override
    public TextPosition end() {
        return end;
    }

    public List<YamlNode> items() {
        return items;
    }

    @Override
    public String describeType() {
        return "a list";
    }
}
