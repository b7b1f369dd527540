package dev.workflowguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium driven through the DevTools protocol over its remote-debugging WebSocket, with the JDK's
 * WebSocket client and Jackson only: tests open a page in a real browser without a browser-automation library.
 * One browser, one WebSocket; each page is a target attached in flat mode, its commands and events carrying its
 * session id. Closing kills the browser and every process it started.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** The system property naming a Chromium binary, for machines where it is not on the PATH under a usual name. */
    public static final String PROPERTY = "workflow.chromium";

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    /** Generous: a busy 2-core machine starts a browser slowly. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final Deque<String> output = new ArrayDeque<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();
    private final Map<String, String> targets = new ConcurrentHashMap<>();
    private volatile WebSocket socket;

    /**
     * The Chromium binary: {@code -Dworkflow.chromium=<path>}, else the first of chromium, chromium-browser and
     * google-chrome on the PATH.
     *
     * @return empty when there is none
     * @throws IllegalStateException when the property names no executable file (a mistake to say, not to skip)
     */
    public static Optional<Path> find() {
        String configured = System.getProperty(PROPERTY, "").strip();
        if (!configured.isEmpty()) {
            Path binary = Path.of(configured);
            if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
                throw new IllegalStateException("-D" + PROPERTY + "=" + configured + " is not an executable file");
            }
            return Optional.of(binary);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return NAMES.stream()
                .flatMap(name -> Stream.of(path.split(java.io.File.pathSeparator))
                        .filter(dir -> !dir.isEmpty())
                        .map(dir -> Path.of(dir, name)))
                .filter(file -> Files.isRegularFile(file) && Files.isExecutable(file))
                .findFirst();
    }

    /** What {@link #find()} looked for, for the message of a skipped test. */
    public static String searched() {
        return "no " + String.join(", ", NAMES.subList(0, NAMES.size() - 1)) + " or " + NAMES.get(NAMES.size() - 1)
                + " on the PATH, and no -D" + PROPERTY + "=<path>";
    }

    /** Starts the browser with a profile of its own, and connects to it. */
    public HeadlessChromium(Path binary) throws IOException, InterruptedException {
        profile = Files.createTempDirectory("workflow-guard-chromium");
        process = new ProcessBuilder(
                        binary.toString(),
                        "--headless=new",
                        // CI runs as root, where Chromium's sandbox cannot start.
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--no-first-run",
                        "--no-default-browser-check",
                        "--disable-extensions",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String address = listening();
            socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .connectTimeout(TIMEOUT)
                    .buildAsync(URI.create(address), new Listener())
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            close();
            throw new IOException("Chromium (" + binary + ") did not start: " + e + "; its output:\n" + output(), e);
        }
    }

    /** Reads the browser's standard error until it says where it listens, and keeps draining it after. */
    private String listening() throws IOException, InterruptedException, TimeoutException {
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            synchronized (output) {
                                output.addLast(line);
                                if (output.size() > 50) {
                                    output.removeFirst();
                                }
                            }
                            Matcher found = LISTENING.matcher(line);
                            if (found.find()) {
                                address.complete(found.group(1));
                            }
                        }
                    } catch (IOException e) {
                        // The browser has gone: close() says so if it matters.
                    }
                    address.completeExceptionally(new IOException("Chromium exited: " + process.exitValue()));
                },
                "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return address.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** The browser's last lines of output, for a failure message. */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Opens a blank page and returns its session id, for {@link #send}. */
    public String newPage() throws IOException {
        String target = send(null, "Target.createTarget", params().put("url", "about:blank"))
                .get("targetId")
                .asText();
        String session = send(
                        null,
                        "Target.attachToTarget",
                        params().put("targetId", target).put("flatten", true))
                .get("sessionId")
                .asText();
        targets.put(session, target);
        return session;
    }

    /** Closes a page opened by {@link #newPage()}. */
    public void closePage(String session) throws IOException {
        send(null, "Target.closeTarget", params().put("targetId", targets.remove(session)));
    }

    /** Empty parameters to fill. */
    public ObjectNode params() {
        return json.createObjectNode();
    }

    /**
     * Sends a command and waits for its result.
     *
     * @param session the page's session, or null for the browser
     * @throws IOException with the protocol's error, or when no answer comes in time
     */
    public JsonNode send(String session, String method, ObjectNode params) throws IOException {
        int id = ids.incrementAndGet();
        ObjectNode message = json.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            socket.sendText(json.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IOException(method + " failed: " + reply.get("error"));
            }
            return reply.get("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(method + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(method + " got no answer: " + e + "; browser output:\n" + output(), e);
        } finally {
            pending.remove(id);
        }
    }

    /** The events of a page so far: each with its method and params. */
    public List<JsonNode> events(String session) {
        synchronized (events) {
            return events.stream()
                    .filter(event -> session.equals(event.path("sessionId").asText()))
                    .toList();
        }
    }

    /** Waits for an event of the page that matches. */
    public JsonNode await(String session, String method, Predicate<JsonNode> matching) throws IOException {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (events) {
            while (true) {
                Optional<JsonNode> found = events.stream()
                        .filter(event -> session.equals(event.path("sessionId").asText()))
                        .filter(event -> method.equals(event.path("method").asText()))
                        .filter(matching)
                        .findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("no " + method + " event in " + TIMEOUT.toSeconds() + " s");
                }
                try {
                    events.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for " + method, e);
                }
            }
        }
    }

    /** Evaluates a script in the page and returns its value (JSON-serializable results only). */
    public JsonNode evaluate(String session, String expression) throws IOException {
        JsonNode result = send(
                session,
                "Runtime.evaluate",
                params().put("expression", expression)
                        .put("returnByValue", true)
                        .put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IOException("the script threw: " + result.get("exceptionDetails") + "\n" + expression);
        }
        return result.get("result").path("value");
    }

    /** Kills the browser and every process it started, and removes its profile. */
    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        ProcessHandle root = process.toHandle();
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(root);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Reported by the process table, not by the test: nothing more can be done from here.
            }
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // A profile left in the temporary folder harms nothing.
        }
    }

    /** Collects each message, whole, and hands it to its waiting command or to the events. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                receive(message.toString());
                message.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void receive(String text) {
            JsonNode received;
            try {
                received = json.readTree(text);
            } catch (IOException e) {
                return;
            }
            if (received.has("id")) {
                CompletableFuture<JsonNode> answer =
                        pending.get(received.get("id").asInt());
                if (answer != null) {
                    answer.complete(received);
                }
            } else {
                synchronized (events) {
                    events.add(received);
                    events.notifyAll();
                }
            }
        }
    }
}
