package dev.workflowguard.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule's docs page (the Markdown {@link RuleDocs} writes) as the reports show it: as HTML for the HTML report
 * and as plain text for SARIF's {@code help.text}. It reads the subset of Markdown RuleDocs writes (headings,
 * one table, paragraphs, lists whose items may hold an indented code block, fenced code, inline code), so the
 * page's text is written once and every report shows that text.
 */
final class MarkdownPage {

    private sealed interface Block permits Heading, Table, Code, Items, Paragraph {}

    private record Heading(int level, String text) implements Block {}

    private record Table(List<List<String>> rows) implements Block {}

    private record Code(String language, List<String> lines) implements Block {}

    private record Item(String text, List<Block> blocks) {}

    private record Items(List<Item> items) implements Block {}

    private record Paragraph(String text) implements Block {}

    private final List<Block> blocks;

    private MarkdownPage(List<Block> blocks) {
        this.blocks = blocks;
    }

    static MarkdownPage parse(String markdown) {
        return new MarkdownPage(new Parser(markdown.lines().toList()).blocks());
    }

    /**
     * The page as HTML (well-formed XML), headings shifted so that the page's title would be {@code <h[top]>}.
     *
     * @param top the level of the page's title in the page it is shown in
     * @param title whether to show the title (a page shown under its own heading leaves it out)
     */
    String html(int top, boolean title) {
        StringBuilder out = new StringBuilder();
        blocks.stream()
                .filter(block -> title || !(block instanceof Heading h && h.level() == 1))
                .forEach(block -> html(block, top, out));
        return out.toString();
    }

    private static void html(Block block, int top, StringBuilder out) {
        if (block instanceof Heading h) {
            int level = Math.min(6, h.level() + top - 1);
            out.append("<h")
                    .append(level)
                    .append('>')
                    .append(inlineHtml(h.text()))
                    .append("</h")
                    .append(level)
                    .append(">\n");
        } else if (block instanceof Table t) {
            out.append("<table class=\"facts\"><tbody>\n");
            for (List<String> row : bodyRows(t)) {
                out.append("<tr>");
                for (int i = 0; i < row.size(); i++) {
                    String tag = i == 0 ? "th" : "td";
                    out.append('<')
                            .append(tag)
                            .append(i == 0 ? " scope=\"row\">" : ">")
                            .append(inlineHtml(row.get(i)))
                            .append("</")
                            .append(tag)
                            .append('>');
                }
                out.append("</tr>\n");
            }
            out.append("</tbody></table>\n");
        } else if (block instanceof Code c) {
            out.append("<pre class=\"code\"><code>")
                    .append(HtmlReport.esc(String.join("\n", c.lines())))
                    .append("</code></pre>\n");
        } else if (block instanceof Items list) {
            out.append("<ul>\n");
            for (Item item : list.items()) {
                out.append("<li>").append(inlineHtml(item.text()));
                item.blocks().forEach(child -> html(child, top, out));
                out.append("</li>\n");
            }
            out.append("</ul>\n");
        } else if (block instanceof Paragraph p) {
            out.append("<p>").append(inlineHtml(p.text())).append("</p>\n");
        }
    }

    /** The page as plain text: headings underlined, the table as "name: value" lines, code indented. */
    String text() {
        StringBuilder out = new StringBuilder();
        blocks.forEach(block -> text(block, "", out));
        return out.toString().strip() + "\n";
    }

    private static void text(Block block, String indent, StringBuilder out) {
        if (block instanceof Heading h) {
            String title = plain(h.text());
            out.append(title)
                    .append('\n')
                    .append((h.level() == 1 ? "=" : "-").repeat(title.length()))
                    .append("\n\n");
        } else if (block instanceof Table t) {
            bodyRows(t)
                    .forEach(row -> out.append(indent)
                            .append(row.stream().map(MarkdownPage::plain).collect(Collectors.joining(": ")))
                            .append('\n'));
            out.append('\n');
        } else if (block instanceof Code c) {
            c.lines()
                    .forEach(line ->
                            out.append(indent).append("    ").append(line).append('\n'));
            out.append('\n');
        } else if (block instanceof Items list) {
            for (Item item : list.items()) {
                out.append(indent).append("- ").append(plain(item.text())).append('\n');
                if (!item.blocks().isEmpty()) {
                    out.append('\n');
                    item.blocks().forEach(child -> text(child, indent + "  ", out));
                }
            }
            out.append('\n');
        } else if (block instanceof Paragraph p) {
            out.append(indent).append(plain(p.text())).append("\n\n");
        }
    }

    /** The rows that say something: a table whose header is empty (| | |) is a list of name and value. */
    private static List<List<String>> bodyRows(Table table) {
        List<List<String>> rows = table.rows();
        boolean emptyHeader = rows.get(0).stream().allMatch(String::isBlank);
        return rows.subList(emptyHeader ? 1 : 0, rows.size());
    }

    /** Inline code as {@code <code>}, everything escaped. */
    private static String inlineHtml(String text) {
        StringBuilder out = new StringBuilder();
        String[] parts = text.split("`", -1);
        boolean balanced = parts.length % 2 == 1;
        for (int i = 0; i < parts.length; i++) {
            boolean code = balanced && i % 2 == 1;
            out.append(code ? "<code>" + HtmlReport.esc(parts[i]) + "</code>" : HtmlReport.esc(parts[i]));
            if (!balanced && i < parts.length - 1) {
                out.append('`');
            }
        }
        return out.toString();
    }

    /** Inline code without its backticks. */
    private static String plain(String text) {
        return text.split("`", -1).length % 2 == 1 ? text.replace("`", "") : text;
    }

    /** Reads the lines into blocks; a list item's indented lines after a blank line belong to the item. */
    private static final class Parser {

        private final List<String> lines;
        private int next;

        Parser(List<String> lines) {
            this.lines = lines;
        }

        List<Block> blocks() {
            List<Block> blocks = new ArrayList<>();
            while (next < lines.size()) {
                String line = lines.get(next);
                if (line.isBlank()) {
                    next++;
                } else if (line.startsWith("```")) {
                    blocks.add(code(""));
                } else if (line.startsWith("#")) {
                    int level = line.indexOf(' ');
                    blocks.add(new Heading(level, line.substring(level + 1).strip()));
                    next++;
                } else if (line.startsWith("|")) {
                    blocks.add(table());
                } else if (line.startsWith("- ")) {
                    blocks.add(items());
                } else {
                    blocks.add(paragraph());
                }
            }
            return blocks;
        }

        /** A fenced block whose lines start with the indent; the indent is removed. */
        private Code code(String indent) {
            String language = lines.get(next).strip().substring(3);
            List<String> body = new ArrayList<>();
            next++;
            while (next < lines.size() && !lines.get(next).strip().equals("```")) {
                String line = lines.get(next++);
                body.add(line.startsWith(indent) ? line.substring(indent.length()) : line.strip());
            }
            next++;
            return new Code(language, body);
        }

        private Table table() {
            List<List<String>> rows = new ArrayList<>();
            while (next < lines.size() && lines.get(next).startsWith("|")) {
                String line = lines.get(next++).strip();
                List<String> cells = List.of(
                                line.substring(1, line.length() - 1).split("\\|", -1))
                        .stream()
                        .map(String::strip)
                        .toList();
                if (!cells.stream().allMatch(cell -> cell.matches(":?-+:?"))) {
                    rows.add(cells);
                }
            }
            return new Table(rows);
        }

        private Items items() {
            List<Item> items = new ArrayList<>();
            while (next < lines.size() && lines.get(next).startsWith("- ")) {
                StringBuilder text = new StringBuilder(lines.get(next++).substring(2));
                while (next < lines.size()
                        && lines.get(next).startsWith("  ")
                        && !lines.get(next).isBlank()) {
                    text.append(' ').append(lines.get(next++).strip());
                }
                List<Block> children = new ArrayList<>();
                while (indentedAfterBlank()) {
                    skipBlank();
                    if (lines.get(next).strip().startsWith("```")) {
                        children.add(code("  "));
                    } else {
                        StringBuilder paragraph = new StringBuilder();
                        while (next < lines.size()
                                && lines.get(next).startsWith("  ")
                                && !lines.get(next).isBlank()) {
                            paragraph
                                    .append(paragraph.isEmpty() ? "" : " ")
                                    .append(lines.get(next++).strip());
                        }
                        children.add(new Paragraph(paragraph.toString()));
                    }
                }
                items.add(new Item(text.toString(), children));
                int after = nextNonBlank();
                if (after < lines.size() && lines.get(after).startsWith("- ")) {
                    next = after;
                }
            }
            return new Items(items);
        }

        private boolean indentedAfterBlank() {
            int after = nextNonBlank();
            return after > next && after < lines.size() && lines.get(after).startsWith("  ");
        }

        private void skipBlank() {
            next = nextNonBlank();
        }

        private int nextNonBlank() {
            int at = next;
            while (at < lines.size() && lines.get(at).isBlank()) {
                at++;
            }
            return at;
        }

        private Paragraph paragraph() {
            StringBuilder text = new StringBuilder();
            while (next < lines.size() && !lines.get(next).isBlank()) {
                text.append(text.isEmpty() ? "" : " ").append(lines.get(next++).strip());
            }
            return new Paragraph(text.toString());
        }
    }
}
