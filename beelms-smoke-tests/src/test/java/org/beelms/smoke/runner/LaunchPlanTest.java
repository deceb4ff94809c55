package org.beelms.smoke.runner;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchPlanTest {
    private static final Path JAVA_HOME = Path.of("/opt/jdk");
    private static final Path JAR = Path.of("/tools/beelms-smoke-tests-1.0-standalone.jar");
    private static final Path CACHE = Path.of("/home/lead/.cache/beelms-smoke");
    private static final LaunchPlan.JarStamp STAMP = new LaunchPlan.JarStamp(JAR, 33_000_000L, 1_700_000_000_000L);

    private static LaunchPlan.Facts facts(List<String> args, Map<String, String> env, List<String> jvmArgs,
                                          Set<Path> existing) {
        return new LaunchPlan.Facts(args, env, Optional.of(jvmArgs), JAVA_HOME, JAR.toString(), 17, "17.0.15+6",
                Optional.of(CACHE), Optional.of(STAMP), existing::contains, 4242);
    }

    private static Path archive() {
        return CACHE.resolve(LaunchPlan.archiveName(STAMP, JAVA_HOME, "17.0.15+6", Optional.empty()));
    }

    @Test
    void aFirstSmokeTierRunForksWithTheFastOptionsAndRecordsTheArchive() {
        LaunchPlan plan = LaunchPlan.decide(facts(List.of("--url", "http://h:3000/api"), Map.of(),
                List.of("-Dbeelms.smoke.user.email=smoke@example.com", "-Xmx256m"), Set.of()));
        assertTrue(plan.forks());
        List<String> command = plan.command().orElseThrow();
        assertEquals("/opt/jdk/bin/java", command.get(0));
        assertEquals(LaunchPlan.FAST_OPTIONS, command.subList(1, 1 + LaunchPlan.FAST_OPTIONS.size()));
        Path partial = plan.archiveToRecord().orElseThrow();
        assertEquals(archive().getFileName() + ".4242.tmp", partial.getFileName().toString());
        assertTrue(command.contains("-XX:ArchiveClassesAtExit=" + partial), command::toString);
        assertTrue(plan.archive().isEmpty());
        // the user's JVM options after the fast ones (the last occurrence wins), then the class path, main and args
        int user = command.indexOf("-Dbeelms.smoke.user.email=smoke@example.com");
        assertTrue(user > command.indexOf("-XX:TieredStopAtLevel=1"), command::toString);
        assertEquals(List.of("-Xmx256m", "-cp", JAR.toString(), LaunchPlan.MAIN_CLASS, "--url", "http://h:3000/api"),
                command.subList(user + 1, command.size()));
    }

    @Test
    void aRecordedArchiveIsUsedAndNotRecordedAgain() {
        LaunchPlan plan = LaunchPlan.decide(facts(List.of("--url", "u"), Map.of(), List.of(), Set.of(archive())));
        assertTrue(plan.command().orElseThrow().contains("-XX:SharedArchiveFile=" + archive()));
        assertEquals(Optional.of(archive()), plan.archive());
        assertTrue(plan.archiveToRecord().isEmpty());
        assertTrue(plan.command().orElseThrow().stream().noneMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit")));
    }

    @Test
    void eachSuiteSetRecordsAndUsesItsOwnArchive() {
        // the browser tier alone (its Selenium classes are in no smoke tier archive), any other set likewise
        for (List<String> args : List.of(List.of("--suites", "pages"), List.of("--suites=ws1,ws2"),
                List.of("--suites", "regression"))) {
            LaunchPlan plan = LaunchPlan.decide(facts(args, Map.of(), List.of(), Set.of()));
            assertTrue(plan.forks(), args::toString);
            String recorded = plan.archiveToRecord().orElseThrow().getFileName().toString();
            assertFalse(recorded.startsWith(archive().getFileName().toString()), recorded);
            assertTrue(recorded.replaceFirst("\\.[0-9]+\\.tmp$", "").matches(LaunchPlan.ARCHIVE_PATTERN), recorded);
        }
        Path pages = CACHE.resolve(LaunchPlan.archiveName(STAMP, JAVA_HOME, "17.0.15+6", Optional.of("pages")));
        LaunchPlan plan = LaunchPlan.decide(facts(List.of("--suites", "pages"), Map.of(), List.of(), Set.of(archive(),
                pages)));
        assertEquals(Optional.of(pages), plan.archive(), "the pages tier's own archive, not the smoke tier's");
        assertTrue(plan.archiveToRecord().isEmpty());
        assertEquals(Optional.of("ws1+ws2"), LaunchPlan.suiteSet(List.of("--suites", "WS2, ws1")));
        assertEquals(Optional.empty(), LaunchPlan.suiteSet(List.of("--suites", "ops,smoke")));
        assertEquals(Optional.empty(), LaunchPlan.suiteSet(List.of("--suites=all")));
        assertEquals(Optional.empty(), LaunchPlan.suiteSet(List.of("--url", "u")));
        assertEquals(Optional.of("pages"), LaunchPlan.suiteSet(List.of("--suites", "pages")));
    }

    @Test
    void runsInProcessWhenAskedForHelpOrWithoutItsCommandLine() {
        assertFalse(LaunchPlan.decide(facts(List.of("--in-process", "--url", "u"), Map.of(), List.of(), Set.of())).forks());
        assertFalse(LaunchPlan.decide(facts(List.of("--url", "u"), Map.of(LaunchPlan.IN_PROCESS_ENV, "TRUE"), List.of(),
                Set.of())).forks());
        assertFalse(LaunchPlan.decide(facts(List.of("--help"), Map.of(), List.of(), Set.of())).forks());
        LaunchPlan.Facts unreadable = new LaunchPlan.Facts(List.of("--url", "u"), Map.of(), Optional.empty(), JAVA_HOME,
                JAR.toString(), 17, "17", Optional.of(CACHE), Optional.of(STAMP), p -> false, 1);
        assertFalse(LaunchPlan.decide(unreadable).forks());
    }

    @Test
    void noArchiveWithoutAJarACacheDirectoryOrAJdkThatRecordsOne() {
        LaunchPlan.Facts classes = new LaunchPlan.Facts(List.of(), Map.of(), Optional.of(List.of()), JAVA_HOME,
                "target/classes:lib/junit.jar", 17, "17", Optional.of(CACHE), Optional.empty(), p -> false, 1);
        LaunchPlan.Facts noCache = new LaunchPlan.Facts(List.of(), Map.of(), Optional.of(List.of()), JAVA_HOME,
                JAR.toString(), 17, "17", Optional.empty(), Optional.of(STAMP), p -> false, 1);
        LaunchPlan.Facts jdk11 = new LaunchPlan.Facts(List.of(), Map.of(), Optional.of(List.of()), JAVA_HOME,
                JAR.toString(), 11, "11", Optional.of(CACHE), Optional.of(STAMP), p -> false, 1);
        for (LaunchPlan.Facts f : List.of(classes, noCache, jdk11)) {
            LaunchPlan plan = LaunchPlan.decide(f);
            assertTrue(plan.forks());
            assertTrue(plan.archiveToRecord().isEmpty() && plan.archive().isEmpty());
            assertTrue(plan.command().orElseThrow().containsAll(LaunchPlan.FAST_OPTIONS));
        }
    }

    @Test
    void anArchiveServesOneJarAndOneJdk() {
        String name = LaunchPlan.archiveName(STAMP, JAVA_HOME, "17.0.15+6", Optional.empty());
        assertTrue(name.matches("smoke-[0-9a-f]+\\.jsa"), name);
        assertFalse(name.equals(LaunchPlan.archiveName(new LaunchPlan.JarStamp(JAR, STAMP.size(), STAMP.modified() + 1),
                JAVA_HOME, "17.0.15+6", Optional.empty())), "a rebuilt jar");
        assertFalse(name.equals(LaunchPlan.archiveName(STAMP, JAVA_HOME, "17.0.16+8", Optional.empty())), "an updated JDK");
    }

    @Test
    void jvmOptionsAreWhatComesBeforeTheJarOrTheMainClass() {
        assertEquals(List.of("-Dx=1", "-Xmx1g"), LaunchPlan.jvmOptions(List.of("-Dx=1", "-Xmx1g", "-jar", "s.jar", "--url",
                "-Dy=2")));
        assertEquals(List.of("-Dx=1"), LaunchPlan.jvmOptions(List.of("-cp", "a.jar:b.jar", "-Dx=1", "org.Main", "-Dz")));
        assertEquals(List.of(), LaunchPlan.jvmOptions(List.of("-jar", "s.jar")));
    }
}
