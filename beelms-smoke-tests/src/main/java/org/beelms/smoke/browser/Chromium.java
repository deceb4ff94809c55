package org.beelms.smoke.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One headless Chromium process with its own throwaway profile, listening for DevTools on a port it picks itself
 * ({@code --remote-debugging-port=0}; the port is read from the "DevTools listening on ws://…" line it prints, as
 * Puppeteer does). No chromedriver in between: one process less to start, and a command is one WebSocket message
 * rather than an HTTP request to chromedriver and a DevTools message from there. Closing stops the browser (politely,
 * then forcibly after a bounded wait, its child processes too) and deletes the profile; a shutdown hook does the same
 * when the JVM ends without closing it.
 */
final class Chromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final int STDERR_LINES_KEPT = 20;
    private static final Duration STOP_WAIT = Duration.ofSeconds(3);

    private final Process process;
    private final Path profile;
    private final DevTools devTools;
    private final Thread cleanUp;
    private final Deque<String> stderr;
    /** The thread that waits for the browser's exit and deletes the profile, once {@link #close()} asked it to go. */
    private final AtomicReference<Thread> exiting;

    private Chromium(Process process, Path profile, DevTools devTools, Thread cleanUp, Deque<String> stderr,
                     AtomicReference<Thread> exiting) {
        this.process = process;
        this.profile = profile;
        this.devTools = devTools;
        this.cleanUp = cleanUp;
        this.exiting = exiting;
        this.stderr = stderr;
    }

    /**
     * Starts {@code binary} headless with {@code switches} and connects to it.
     *
     * @param startTimeout how long the browser may take to print its DevTools address and accept the connection
     * @throws BrowserUnavailableException when it cannot be started, exits, or does not listen in time (with the last
     *     lines it printed)
     */
    static Chromium launch(Path binary, List<String> switches, Duration startTimeout) {
        Path profile;
        try {
            profile = Files.createTempDirectory("beelms-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary profile directory for Chromium (java.io.tmpdir="
                    + System.getProperty("java.io.tmpdir") + "); make it writable", e);
        }
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(switches);
        command.add("--remote-debugging-port=0");
        command.add("--user-data-dir=" + profile);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            deleteQuietly(profile);
            throw new BrowserUnavailableException("The browser tier cannot start: " + binary + " could not be run ("
                    + e.getMessage() + "); install Debian's package (" + BrowserLocator.INSTALL + ") or correct "
                    + "beelms.smoke.browser.chromium.", e);
        }
        // a JVM ending without close() (a CI timeout, an uncaught error) must not leave the browser running; after
        // close() it waits (bounded) for the exit close() asked for
        AtomicReference<Thread> exiting = new AtomicReference<>();
        Thread cleanUp = new Thread(() -> {
            Thread closing = exiting.get();
            if (closing == null) {
                stop(process, profile, Duration.ZERO);
                return;
            }
            try {
                closing.join(STOP_WAIT.multipliedBy(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "beelms-chromium-stop");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        Deque<String> stderr = new ArrayDeque<>();
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> readStderr(process, stderr, endpoint), "beelms-chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            URI ws = endpoint.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            DevTools devTools = DevTools.connect(ws, startTimeout);
            return new Chromium(process, profile, devTools, cleanUp, stderr, exiting);
        } catch (java.util.concurrent.TimeoutException | ExecutionException | RuntimeException e) {
            stop(process, profile, Duration.ZERO);
            removeHook(cleanUp);
            String said;
            synchronized (stderr) {
                said = String.join(" | ", stderr);
            }
            String why = e instanceof java.util.concurrent.TimeoutException
                    ? "it did not listen for DevTools within " + startTimeout
                    : e instanceof ExecutionException ? "it exited before listening for DevTools" : e.getMessage();
            throw new BrowserUnavailableException("The browser tier cannot start: " + binary + " failed: " + why
                    + (said.isBlank() ? "" : "; it said: " + FailureText.oneLine(said, 160))
                    + " (install Debian's package: " + BrowserLocator.INSTALL + ")", e);
        } catch (InterruptedException e) {
            stop(process, profile, Duration.ZERO);
            removeHook(cleanUp);
            Thread.currentThread().interrupt();
            throw new BrowserUnavailableException("The browser tier's start was interrupted", e);
        }
    }

    DevTools devTools() {
        return devTools;
    }

    /**
     * Asks the browser to close. Its exit (≈ 150 ms) and the profile's deletion happen on a background thread, while
     * the run writes its report; the shutdown hook waits for that thread (bounded), so nothing is left behind when the
     * JVM ends, and ends the browser forcibly if it has not gone by then.
     */
    @Override
    public void close() {
        if (exiting.get() != null) {
            return;
        }
        try {
            if (devTools.isOpen()) {
                devTools.send("Browser.close", null, Duration.ofSeconds(2));
            }
        } catch (DevToolsException e) {
            // already going: stop() below waits for it or ends it
        } finally {
            devTools.close();
            Thread stopping = new Thread(() -> {
                stop(process, profile, STOP_WAIT);
                removeHook(cleanUp);
            }, "beelms-chromium-exit");
            stopping.setDaemon(true);
            if (exiting.compareAndSet(null, stopping)) {
                stopping.start();
            }
            // the reader of its stderr would block in read() while a leftover child (the crash handler) holds the
            // pipe open, and the JVM waits up to 300 ms at exit for a thread in native code
            try {
                process.getErrorStream().close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    private static void readStderr(Process process, Deque<String> kept, CompletableFuture<URI> endpoint) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    endpoint.complete(URI.create(m.group(1)));
                    continue;
                }
                synchronized (kept) {
                    kept.addLast(line);
                    if (kept.size() > STDERR_LINES_KEPT) {
                        kept.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process went away: its exit is reported below
        }
        endpoint.completeExceptionally(new IllegalStateException("exited"));
    }

    private static void stop(Process process, Path profile, Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteQuietly(profile);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway and finds the browser stopped
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file the browser still holds: the temporary directory keeps it
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // nothing left, or not readable: the temporary directory keeps it
        }
    }
}
