package org.beelms.smoke.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The standalone jar's entry point: runs {@link SmokeMain} in a second JVM with the options of a short run (see
 * {@link LaunchPlan}), its standard streams and exit code passed through, or in this JVM when asked or when the second
 * cannot be started. Keeps to a few JDK classes so the first JVM costs little more than its start.
 */
public final class SmokeLauncher {

    private SmokeLauncher() {
    }

    public static void main(String[] args) {
        LaunchPlan plan;
        try {
            plan = LaunchPlan.decide(facts(args, System.getenv()));
        } catch (RuntimeException e) {
            plan = LaunchPlan.inProcess();
        }
        if (plan.forks()) {
            Optional<Integer> exit = runForked(plan);
            if (exit.isPresent()) {
                System.exit(exit.get());
            }
        }
        SmokeMain.main(args);
    }

    /** The child's exit code, or empty when it could not be started (the run then happens in this JVM). */
    private static Optional<Integer> runForked(LaunchPlan plan) {
        Process child;
        try {
            child = new ProcessBuilder(plan.command().orElseThrow()).inheritIO().start();
        } catch (IOException e) {
            return Optional.empty();
        }
        // a TERM to this JVM (a CI timeout) must not leave the run going on without it
        Thread stop = new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
            }
        }, "beelms-smoke-stop-child");
        Runtime.getRuntime().addShutdownHook(stop);
        int exit;
        try {
            exit = child.waitFor();
        } catch (InterruptedException e) {
            child.destroy();
            Thread.currentThread().interrupt();
            return Optional.of(SmokeRunResult.EXIT_USAGE);
        }
        Runtime.getRuntime().removeShutdownHook(stop);
        // a run that could not start (bad usage, target unreachable: exit 2) loaded too little to be worth keeping
        plan.archiveToRecord().ifPresent(partial -> keepArchive(partial, exit == SmokeRunResult.EXIT_OK
                || exit == SmokeRunResult.EXIT_FAILED));
        return Optional.of(exit);
    }

    /**
     * Moves a recorded archive into place in one step (concurrent first runs each write their own file) and keeps the
     * {@value #ARCHIVES_KEPT} newest archives of the cache directory (one per jar, JDK and suite set; older builds'
     * go).
     */
    private static void keepArchive(Path partial, boolean worthKeeping) {
        String name = partial.getFileName().toString();
        Path archive = partial.resolveSibling(name.substring(0, name.indexOf(".jsa") + ".jsa".length()));
        try {
            if (worthKeeping && Files.isRegularFile(partial) && Files.size(partial) > 0) {
                Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                pruneArchives(archive.getParent());
            }
        } catch (IOException | RuntimeException e) {
            // no archive this time: the next run records one again
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a stray temporary file in the cache directory, overwritten by nothing and harmless
            }
        }
    }

    static final int ARCHIVES_KEPT = 4;

    static void pruneArchives(Path cacheDir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(cacheDir)) {
            List<Path> archives = files.filter(p -> p.getFileName().toString().matches(LaunchPlan.ARCHIVE_PATTERN))
                    .sorted(java.util.Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed())
                    .toList();
            for (Path old : archives.subList(Math.min(ARCHIVES_KEPT, archives.size()), archives.size())) {
                Files.deleteIfExists(old);
            }
        }
    }

    static LaunchPlan.Facts facts(String[] args, Map<String, String> env) {
        Optional<List<String>> jvmArguments = ProcessHandle.current().info().arguments()
                .map(a -> LaunchPlan.jvmOptions(Arrays.asList(a)));
        String classPath = System.getProperty("java.class.path", "");
        Optional<LaunchPlan.JarStamp> jar = Optional.empty();
        Path cp = Path.of(classPath);
        if (!classPath.contains(java.io.File.pathSeparator) && classPath.endsWith(".jar") && Files.isRegularFile(cp)) {
            try {
                jar = Optional.of(new LaunchPlan.JarStamp(cp.toAbsolutePath(), Files.size(cp),
                        Files.getLastModifiedTime(cp).toMillis()));
            } catch (IOException e) {
                jar = Optional.empty();
            }
        }
        return new LaunchPlan.Facts(List.of(args), env, jvmArguments, Path.of(System.getProperty("java.home")),
                classPath, Runtime.version().feature(), System.getProperty("java.vm.version", ""), cacheDir(env), jar,
                Files::isRegularFile, ProcessHandle.current().pid());
    }

    /** {@code BEELMS_SMOKE_CACHE_DIR}, else {@code $XDG_CACHE_HOME/beelms-smoke}, else {@code ~/.cache/beelms-smoke}. */
    static Optional<Path> cacheDir(Map<String, String> env) {
        String dir = env.get(LaunchPlan.CACHE_DIR_ENV);
        Path path;
        if (dir != null && !dir.isBlank()) {
            path = Path.of(dir);
        } else if (env.get("XDG_CACHE_HOME") != null && !env.get("XDG_CACHE_HOME").isBlank()) {
            path = Path.of(env.get("XDG_CACHE_HOME"), "beelms-smoke");
        } else {
            String home = System.getProperty("user.home");
            if (home == null || home.isBlank() || home.equals("?")) {
                return Optional.empty();
            }
            path = Path.of(home, ".cache", "beelms-smoke");
        }
        try {
            Files.createDirectories(path);
            return Files.isWritable(path) ? Optional.of(path) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
