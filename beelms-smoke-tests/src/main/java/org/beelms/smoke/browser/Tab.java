package org.beelms.smoke.browser;

import org.beelms.smoke.client.Json;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The run's one page in its {@link Chromium}, driven over DevTools: navigate (returning once the document is parsed,
 * DOMContentLoaded: the {@code eager} strategy, so one slow resource of another origin never holds a check back),
 * run a script, take a screenshot, read and write cookies, type and click through the browser's input pipeline (the
 * events a person's keyboard and mouse make). The page's console errors (console.error, uncaught exceptions, the
 * browser's own error log entries) are collected as they happen and handed over by {@link #consoleErrors()}.
 * A JavaScript dialog is dismissed and reported as a console error (it would block the page).
 */
final class Tab implements AutoCloseable {
    private final Chromium chromium;
    private final DevTools cdp;
    private final String session;
    private final Duration timeout;
    private final List<String> console = new ArrayList<>();
    private volatile CompletableFuture<Void> contentLoaded = CompletableFuture.completedFuture(null);

    private Tab(Chromium chromium, String session, Duration timeout) {
        this.chromium = chromium;
        this.cdp = chromium.devTools();
        this.session = session;
        this.timeout = timeout;
    }

    /**
     * Opens a page in {@code chromium} with a {@code width}×{@code height} viewport, {@code initScript} run in every
     * document before the page's own scripts.
     */
    static Tab open(Chromium chromium, int width, int height, String initScript, Duration timeout) {
        DevTools cdp = chromium.devTools();
        String target = String.valueOf(cdp.send("Target.createTarget", Map.of("url", "about:blank"), timeout)
                .get("targetId"));
        String session = String.valueOf(cdp.send("Target.attachToTarget", Map.of("targetId", target, "flatten", true),
                timeout).get("sessionId"));
        Tab tab = new Tab(chromium, session, timeout);
        cdp.onEvent(tab::event);
        tab.send("Page.enable", Map.of());
        tab.send("Runtime.enable", Map.of());
        tab.send("Log.enable", Map.of());
        tab.send("Page.addScriptToEvaluateOnNewDocument", Map.of("source", initScript));
        tab.send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
        return tab;
    }

    /**
     * Opens {@code url} and waits (bounded) until its document is parsed.
     *
     * @throws DevToolsException when the browser could not load it (e.g. {@code net::ERR_CONNECTION_REFUSED})
     * @throws DevToolsException.Timeout when the document was not parsed within the timeout
     */
    void navigate(URI url) {
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        contentLoaded = loaded;
        Map<String, Object> result = send("Page.navigate", Map.of("url", url.toString()));
        if (result.get("errorText") instanceof String error && !error.isEmpty()) {
            throw new DevToolsException(error + " opening " + url);
        }
        try {
            loaded.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new DevToolsException.Timeout(url + " was not parsed (DOMContentLoaded) within " + timeout);
        } catch (ExecutionException e) {
            throw new DevToolsException("the page closed while " + url + " loaded", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevToolsException("interrupted while " + url + " loaded", e);
        }
    }

    /**
     * Runs {@code body} as a function's body ({@code arguments[i]} are {@code args}, which must be JSON values; it may
     * return a promise) and answers its JSON value: Map, List, String, Number, Boolean or {@code null}.
     *
     * @throws DevToolsException when the script threw (with its message) or the page is gone
     */
    Object script(String body, Object... args) {
        String expression = "(function () {\n" + body + "\n}).apply(null, " + Json.write(java.util.Arrays.asList(args)) + ")";
        Map<String, Object> result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.get("exceptionDetails") instanceof Map<?, ?> thrown) {
            throw new DevToolsException("javascript error: " + describe(thrown));
        }
        return result.get("result") instanceof Map<?, ?> value ? value.get("value") : null;
    }

    String url() {
        Object href = script("return location.href;");
        return href == null ? "" : String.valueOf(href);
    }

    byte[] screenshot() {
        Object data = send("Page.captureScreenshot", Map.of("format", "png")).get("data");
        return Base64.getDecoder().decode(String.valueOf(data));
    }

    /** The console errors logged since the last call. */
    List<String> consoleErrors() {
        synchronized (console) {
            List<String> out = List.copyOf(console);
            console.clear();
            return out;
        }
    }

    /** The cookies the browser would send to the current page, as DevTools describes them. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> cookies() {
        List<Map<String, Object>> out = new ArrayList<>();
        if (send("Network.getCookies", Map.of("urls", List.of(url()))).get("cookies") instanceof List<?> list) {
            list.stream().filter(Map.class::isInstance).forEach(c -> out.add((Map<String, Object>) c));
        }
        return out;
    }

    /** Puts back a cookie {@link #cookies()} described. */
    void setCookie(Map<String, Object> cookie) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (String key : List.of("name", "value", "domain", "path", "secure", "httpOnly", "sameSite")) {
            if (cookie.get(key) != null) {
                params.put(key, cookie.get(key));
            }
        }
        if (!Boolean.TRUE.equals(cookie.get("session")) && cookie.get("expires") instanceof Number expires
                && expires.doubleValue() > 0) {
            params.put("expires", expires);
        }
        send("Network.setCookie", params);
    }

    void deleteCookie(Map<String, Object> cookie) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", cookie.get("name"));
        if (cookie.get("domain") != null) {
            params.put("domain", cookie.get("domain"));
        }
        if (cookie.get("path") != null) {
            params.put("path", cookie.get("path"));
        }
        send("Network.deleteCookies", params);
    }

    /** Types {@code text} into the focused element, as an input method commits it (one input event). */
    void insertText(String text) {
        send("Input.insertText", Map.of("text", text));
    }

    /** Presses and releases Enter in the focused element (a form's implicit submission). */
    void pressEnter() {
        Map<String, Object> key = Map.of("key", "Enter", "code", "Enter", "windowsVirtualKeyCode", 13,
                "nativeVirtualKeyCode", 13);
        Map<String, Object> down = new LinkedHashMap<>(key);
        down.put("type", "keyDown");
        down.put("text", "\r");
        down.put("unmodifiedText", "\r");
        send("Input.dispatchKeyEvent", down);
        Map<String, Object> up = new LinkedHashMap<>(key);
        up.put("type", "keyUp");
        send("Input.dispatchKeyEvent", up);
    }

    /** Moves the mouse to ({@code x}, {@code y}) of the viewport and clicks there with the left button. */
    void click(double x, double y) {
        send("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
        for (String type : List.of("mousePressed", "mouseReleased")) {
            send("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left",
                    "clickCount", 1));
        }
    }

    /** Stops the browser. */
    @Override
    public void close() {
        chromium.close();
    }

    private Map<String, Object> send(String method, Map<String, ?> params) {
        return cdp.send(session, method, params, timeout);
    }

    private void event(DevTools.Event e) {
        if (!session.equals(e.sessionId())) {
            return;
        }
        Map<String, Object> p = e.params();
        switch (e.method()) {
            case "Page.domContentEventFired" -> contentLoaded.complete(null);
            case "Runtime.exceptionThrown" -> {
                if (p.get("exceptionDetails") instanceof Map<?, ?> details) {
                    logged(describe(details));
                }
            }
            case "Runtime.consoleAPICalled" -> {
                if ("error".equals(p.get("type")) || "assert".equals(p.get("type"))) {
                    logged(consoleText(p.get("args")));
                }
            }
            case "Log.entryAdded" -> {
                if (p.get("entry") instanceof Map<?, ?> entry && "error".equals(entry.get("level"))) {
                    logged(entry.get("text") + (entry.get("url") == null ? "" : " (" + entry.get("url") + ")"));
                }
            }
            case "Page.javascriptDialogOpening" -> {
                logged("a JavaScript " + p.get("type") + " dialog opened (dismissed): " + p.get("message"));
                // answered without waiting: this is the connection's reading thread
                CompletableFuture.runAsync(() -> {
                    try {
                        send("Page.handleJavaScriptDialog", Map.of("accept", false));
                    } catch (DevToolsException ignored) {
                        // the dialog went with its page
                    }
                });
            }
            default -> {
                // other events are not used
            }
        }
    }

    private void logged(String message) {
        synchronized (console) {
            console.add(message);
        }
    }

    /** "Uncaught Error: message" (first the thrown value's description, as the console shows it). */
    private static String describe(Map<?, ?> details) {
        String text = details.get("text") == null ? "Uncaught" : String.valueOf(details.get("text"));
        if (details.get("exception") instanceof Map<?, ?> thrown) {
            Object d = thrown.get("description") != null ? thrown.get("description") : thrown.get("value");
            if (d != null) {
                return text + " " + d;
            }
        }
        return text;
    }

    private static String consoleText(Object args) {
        List<String> parts = new ArrayList<>();
        if (args instanceof List<?> list) {
            for (Object a : list) {
                if (a instanceof Map<?, ?> arg) {
                    Object v = arg.get("value") != null ? arg.get("value") : arg.get("description");
                    parts.add(v == null ? String.valueOf(arg.get("type")) : String.valueOf(v));
                }
            }
        }
        return String.join(" ", parts);
    }
}
