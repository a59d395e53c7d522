package dev.kemu.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Chromium driven through the DevTools protocol over the JDK's WebSocket: one page, commands answered
 * within a bounded time, and the events a test asserts on kept (console errors, uncaught exceptions, every
 * request the page made). The browser runs with a dead proxy, so a page that tried the network would fail and
 * show it in the requests.
 */
final class DevTools implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 60;

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<JsonObject> events = new ArrayList<>();
    private final String session;

    /** The first browser of Chromium's names on the PATH (or in {@code $CHROME}), if any. */
    static Optional<Path> findBrowser() {
        String env = System.getenv("CHROME");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Optional.of(Path.of(env));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : new String[] {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    DevTools(Path browser) throws Exception {
        profile = Files.createTempDirectory("kemu-chromium");
        process = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--window-size=1400,1000",
                "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    int at = line.indexOf("ws://");
                    if (line.startsWith("DevTools listening on") && at >= 0) {
                        url.complete(line.substring(at).trim());
                    }
                }
                url.completeExceptionally(new IOException("the browser ended without a DevTools address"));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        String ws = url.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(ws), new Listener())
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        String target = call(null, "Target.createTarget", obj("url", "about:blank")).get("targetId").getAsString();
        JsonObject attach = obj("targetId", target);
        attach.addProperty("flatten", true);
        session = call(null, "Target.attachToTarget", attach).get("sessionId").getAsString();
        for (String domain : new String[] {"Page", "Runtime", "Log", "Network"}) {
            call(domain + ".enable", new JsonObject());
        }
    }

    /** Opens {@code url} and waits for its load event. */
    void open(String url) throws Exception {
        int seen = eventCount();
        call("Page.navigate", obj("url", "about:blank"));
        awaitEvent("Page.loadEventFired", seen);
        seen = eventCount();
        call("Page.navigate", obj("url", url));
        awaitEvent("Page.loadEventFired", seen);
        String at = evalString("location.href");
        if (!url.equals(at)) {
            throw new AssertionError("opened " + url + " but the page is at " + at);
        }
    }

    /** Evaluates {@code js} in the page; its value (JSON-like) is returned. */
    JsonElement eval(String js) throws Exception {
        JsonObject p = obj("expression", js);
        p.addProperty("returnByValue", true);
        JsonObject r = call("Runtime.evaluate", p);
        if (r.has("exceptionDetails")) {
            throw new AssertionError("script failed: " + r.get("exceptionDetails"));
        }
        JsonObject result = r.getAsJsonObject("result");
        return result.has("value") ? result.get("value") : com.google.gson.JsonNull.INSTANCE;
    }

    String evalString(String js) throws Exception {
        JsonElement e = eval(js);
        return e.isJsonNull() ? null : e.getAsString();
    }

    int evalInt(String js) throws Exception {
        return eval(js).getAsInt();
    }

    /** Presses and releases a key ({@code ArrowRight}, {@code End}) as a keyboard would. */
    void press(String key, int keyCode) throws Exception {
        for (String type : new String[] {"rawKeyDown", "keyUp"}) {
            JsonObject p = obj("type", type);
            p.addProperty("key", key);
            p.addProperty("code", key);
            p.addProperty("windowsVirtualKeyCode", keyCode);
            call("Input.dispatchKeyEvent", p);
        }
    }

    /** A PNG of the viewport. */
    byte[] screenshot() throws Exception {
        return java.util.Base64.getDecoder().decode(call("Page.captureScreenshot", obj("format", "png")).get("data").getAsString());
    }

    /** The console errors and uncaught exceptions so far, as text. */
    List<String> errors() {
        List<String> out = new ArrayList<>();
        synchronized (events) {
            for (JsonObject e : events) {
                String m = e.get("method").getAsString();
                JsonObject p = e.getAsJsonObject("params");
                if (m.equals("Runtime.exceptionThrown")
                        || m.equals("Runtime.consoleAPICalled") && p.get("type").getAsString().equals("error")
                        || m.equals("Log.entryAdded") && p.getAsJsonObject("entry").get("level").getAsString().equals("error")) {
                    out.add(m + ": " + p);
                }
            }
        }
        return out;
    }

    /** Every URL the page asked for since the browser started. */
    List<String> requests() {
        List<String> out = new ArrayList<>();
        synchronized (events) {
            for (JsonObject e : events) {
                if (e.get("method").getAsString().equals("Network.requestWillBeSent")) {
                    out.add(e.getAsJsonObject("params").getAsJsonObject("request").get("url").getAsString());
                }
            }
        }
        return out;
    }

    JsonObject call(String method, JsonObject params) throws Exception {
        return call(session, method, params);
    }

    private JsonObject call(String sessionId, String method, JsonObject params) throws Exception {
        int id = ids.incrementAndGet();
        JsonObject msg = obj("method", method);
        msg.addProperty("id", id);
        msg.add("params", params);
        if (sessionId != null) {
            msg.addProperty("sessionId", sessionId);
        }
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(msg.toString(), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        JsonObject r = answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + ": " + r.get("error"));
        }
        return r.getAsJsonObject("result");
    }

    private int eventCount() {
        synchronized (events) {
            return events.size();
        }
    }

    private void awaitEvent(String method, int after) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        synchronized (events) {
            while (true) {
                for (int i = after; i < events.size(); i++) {
                    if (events.get(i).get("method").getAsString().equals(method)) {
                        return;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + method + " within " + TIMEOUT_SECONDS + " s");
                }
                TimeUnit.NANOSECONDS.timedWait(events, left);
            }
        }
    }

    private static JsonObject obj(String key, String value) {
        JsonObject o = new JsonObject();
        o.addProperty(key, value);
        return o;
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendText("{\"id\":0,\"method\":\"Browser.close\"}", true).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser is ended below either way
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var walk = Files.walk(profile)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Collects a message's fragments, then answers the pending call or keeps the event. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonObject msg = JsonParser.parseString(text.toString()).getAsJsonObject();
                text.setLength(0);
                if (msg.has("id")) {
                    CompletableFuture<JsonObject> f = pending.remove(msg.get("id").getAsInt());
                    if (f != null) {
                        f.complete(msg);
                    }
                } else if (msg.has("method")) {
                    synchronized (events) {
                        events.add(msg);
                        events.notifyAll();
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }
}
