package org.beelms.smoke.runner;

import org.beelms.smoke.testing.FakeBeelms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The standalone jar as a user runs it ({@code java -jar}, after {@code package}): the launcher's second JVM, the
 * class-data archive it records on the first smoke-tier run and uses afterwards, exit codes passed through, and a
 * log without the JVM's own notices.
 */
class StandaloneJarIT {
    private static Path jar;

    @TempDir
    Path work;

    record Run(int exit, String out) {
    }

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("beelms.smoke.standaloneJar", "target/missing-standalone.jar"));
        assertTrue(Files.isRegularFile(jar), "run after package: no " + jar.toAbsolutePath());
    }

    private Run run(Path cache, List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(LaunchPlan.CACHE_DIR_ENV, cache.toString());
        builder.environment().remove(LaunchPlan.IN_PROCESS_ENV);
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the jar did not finish within 120 s");
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void theFirstSmokeTierRunRecordsTheArchiveAndTheNextRunsUseIt() throws Exception {
        Path cache = work.resolve("cache");
        try (FakeBeelms server = new FakeBeelms()) {
            Run first = run(cache, List.of(), "--url", server.url(), "--report", work.resolve("r1").toString());
            assertEquals(0, first.exit(), first.out());
            List<Path> archives = files(cache);
            assertEquals(1, archives.size(), archives::toString);
            assertTrue(archives.get(0).getFileName().toString().matches("smoke-[0-9a-f]+\\.jsa"), archives::toString);
            assertTrue(Files.size(archives.get(0)) > 1_000_000, "an archive of the run's classes");

            // a user's JVM option reaches the second JVM; with %p each JVM logs to its own file
            Path logs = Files.createDirectories(work.resolve("class-load"));
            Run second = run(cache, List.of("-Xlog:class+load:file=" + logs + "/%p.log",
                    "-Dbeelms.smoke.environment=launch-check"), "--url", server.url(), "--report",
                    work.resolve("r2").toString());
            assertEquals(0, second.exit(), second.out());
            assertTrue(second.out().contains("beelms smoke: launch-check at"), second.out());
            List<Path> jvmLogs = files(logs);
            assertEquals(2, jvmLogs.size(), "the launcher and the run's JVM: " + jvmLogs);
            long fromArchive = 0;
            for (Path log : jvmLogs) {
                try (Stream<String> lines = Files.lines(log)) {
                    fromArchive += lines.filter(l -> l.contains("org.beelms.smoke.checks.")
                            && l.contains("shared objects file (top)")).count();
                }
            }
            assertTrue(fromArchive >= 4, "the check classes came from the recorded archive: " + fromArchive);
            assertEquals(archives, files(cache), "nothing recorded again, no temporary file left");
            for (Run r : List.of(first, second)) {
                assertFalse(r.out().contains("[warning]") || r.out().toLowerCase().contains("cds")
                        || r.out().contains("NOTE: Picked up"), r.out());
                assertEquals(1, r.out().lines().filter(l -> l.startsWith("Smoke: ")).count(), r.out());
            }
        }
    }

    @Test
    void exitCodesPassThroughAndASuiteSetRecordsItsOwnArchiveButInProcessOrUnreachableRunsRecordNothing()
            throws Exception {
        Path cache = work.resolve("cache");
        List<Path> ws1;
        try (FakeBeelms server = new FakeBeelms()) {
            server.articleDetail500 = true;
            Run failed = run(cache, List.of(), "--url", server.url(), "--suites", "ws1", "--report",
                    work.resolve("r1").toString());
            assertEquals(1, failed.exit(), failed.out());
            assertTrue(failed.out().contains("FAILED  WS1-API-2"), failed.out());
            ws1 = files(cache);
            assertEquals(1, ws1.size(), ws1::toString);
            assertTrue(ws1.get(0).getFileName().toString().matches("smoke-[0-9a-f]+-ws1\\.jsa"),
                    "a --suites ws1 run records an archive of its own, not the smoke tier's: " + ws1);

            Run inProcess = run(cache, List.of(), "--in-process", "--url", server.url(), "--report",
                    work.resolve("r2").toString());
            assertEquals(1, inProcess.exit(), inProcess.out());
            assertEquals(ws1, files(cache), "--in-process starts no second JVM and records nothing");
        }
        Run unreachable = run(cache, List.of(), "--url", "http://127.0.0.1:9/api", "--report",
                work.resolve("r3").toString(), "-Dbeelms.smoke.readyTimeout=PT1S");
        assertEquals(2, unreachable.exit(), unreachable.out());
        assertEquals(ws1, files(cache), "a run that never reached its target keeps no archive");
    }
}
