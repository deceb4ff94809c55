package org.beelms.smoke.browser;

import org.beelms.smoke.client.Json;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One Chrome DevTools Protocol connection (a WebSocket to Chromium's {@code --remote-debugging-port}), the way
 * Playwright and Puppeteer talk to the browser: a command is one JSON message answered by id, events come on the same
 * socket. Every command is bounded by a timeout; a closed socket fails the commands waiting on it at once. Sessions of
 * targets (pages) are "flattened": their commands and events carry a {@code sessionId} on this one socket.
 */
final class DevTools implements AutoCloseable {
    /** An event: its method (e.g. {@code Runtime.exceptionThrown}), its params and the session it belongs to. */
    record Event(String method, Map<String, Object> params, String sessionId) {
    }

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> waiting = new ConcurrentHashMap<>();
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final WebSocketClient socket;

    private DevTools(URI endpoint, Duration timeout) {
        try {
            socket = WebSocketClient.connect(endpoint, timeout, this::received, this::gone);
        } catch (IOException e) {
            throw new DevToolsException("cannot connect to the browser's DevTools endpoint " + endpoint + ": "
                    + e.getMessage(), e);
        }
    }

    static DevTools connect(URI endpoint, Duration timeout) {
        return new DevTools(endpoint, timeout);
    }

    void onEvent(Consumer<Event> listener) {
        listeners.add(listener);
    }

    /** Sends a browser-level command. */
    Map<String, Object> send(String method, Map<String, ?> params, Duration timeout) {
        return send(null, method, params, timeout);
    }

    /**
     * Sends {@code method} (to the target of {@code sessionId}, or the browser when {@code null}) and waits (bounded)
     * for its result.
     *
     * @throws DevToolsException with the browser's error message, or {@link DevToolsException.Timeout}
     */
    Map<String, Object> send(String sessionId, String method, Map<String, ?> params, Duration timeout) {
        int id = ids.incrementAndGet();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params == null ? Map.of() : params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        try {
            if (closed.isDone()) {
                throw new DevToolsException.Closed(method + ": the browser connection is closed (" + closed.getNow("")
                        + ")");
            }
            socket.send(Json.write(message));
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw new DevToolsException.Closed(method + " could not be sent: " + e.getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new DevToolsException.Timeout(method + " got no answer from the browser within " + timeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DevToolsException.Closed c) {
                throw new DevToolsException.Closed(method + ": " + c.getMessage());
            }
            if (e.getCause() instanceof DevToolsException d) {
                throw new DevToolsException(method + ": " + d.getMessage(), d);
            }
            throw new DevToolsException(method + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevToolsException(method + ": interrupted", e);
        } finally {
            waiting.remove(id);
        }
    }

    boolean isOpen() {
        return !closed.isDone();
    }

    @Override
    public void close() {
        socket.close();
        gone("closed by the smoke run");
    }

    private void gone(String why) {
        if (!closed.complete(why)) {
            return;
        }
        waiting.values().forEach(w -> w.completeExceptionally(new DevToolsException.Closed("the browser connection "
                + "closed (" + why + ")")));
    }

    @SuppressWarnings("unchecked")
    private void dispatch(String text) {
        if (!(Json.parse(text).orElse(null) instanceof Map<?, ?> parsed)) {
            return;
        }
        Map<String, Object> message = (Map<String, Object>) parsed;
        if (message.get("id") instanceof Number id) {
            CompletableFuture<Map<String, Object>> answer = waiting.get(id.intValue());
            if (answer == null) {
                return; // answered after its command timed out
            }
            if (message.get("error") instanceof Map<?, ?> error) {
                answer.completeExceptionally(new DevToolsException(error.get("message")
                        + (error.get("data") == null ? "" : " (" + error.get("data") + ")")));
            } else {
                Object result = message.get("result");
                answer.complete(result instanceof Map<?, ?> r ? (Map<String, Object>) r : Map.of());
            }
        } else if (message.get("method") instanceof String method) {
            Object params = message.get("params");
            Event event = new Event(method, params instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of(),
                    message.get("sessionId") instanceof String s ? s : null);
            for (Consumer<Event> listener : listeners) {
                listener.accept(event);
            }
        }
    }

    private void received(String text) {
        try {
            dispatch(text);
        } catch (RuntimeException e) {
            // a listener's failure must not stop the connection; the check it belongs to sees its own state
        }
    }
}
