package dev.workflowguard.report;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;

/**
 * The plugin's text as the console can show it. A CI container often runs with a POSIX locale, where the JVM writes
 * the console in ASCII and turns every other character into `?`: the `…` standing for a value to fill in
 * (`-Dworkflow.set=monitor.grafana.password=…`) would then read as a literal `?`. Where the console cannot show a
 * character of the plugin's wording, its ASCII spelling is written instead; text that it can show is left alone, and
 * so is any other character (a user's own file names and values).
 */
public final class ConsoleText {

    /** The plugin's own non-ASCII characters, spelled in ASCII. */
    private static final Map<Character, String> ASCII = Map.of(
            '…', "...",
            '–', "-",
            '—', "-",
            '←', "<-",
            '→', "->",
            '·', "-",
            '≥', ">=",
            '≤', "<=");

    private final Charset charset;

    public ConsoleText(Charset charset) {
        this.charset = charset;
    }

    /**
     * The console's charset as the JVM writes it: {@code stdout.encoding} (Java 19 and later), else
     * {@code sun.stdout.encoding} (a console on Windows), else the default charset, which Java 17 takes from the
     * locale.
     */
    public static ConsoleText ofThisJvm() {
        for (String property : new String[] {"stdout.encoding", "sun.stdout.encoding"}) {
            String name = System.getProperty(property);
            if (name != null) {
                try {
                    return new ConsoleText(Charset.forName(name));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    // fall through to the next source
                }
            }
        }
        return new ConsoleText(Charset.defaultCharset());
    }

    /** The text, with each character the console cannot show that the plugin writes spelled in ASCII. */
    public String shown(CharSequence text) {
        String plain = text == null ? "" : text.toString();
        CharsetEncoder encoder = charset.newEncoder();
        if (encoder.canEncode(plain)) {
            return plain;
        }
        StringBuilder out = new StringBuilder(plain.length());
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            String ascii = ASCII.get(c);
            out.append(ascii != null && !encoder.canEncode(c) ? ascii : String.valueOf(c));
        }
        return out.toString();
    }
}
