package org.beelms.smoke.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How the standalone jar runs: in the JVM {@code java -jar} started, or in a second JVM started with the options a
 * short run wants. A smoke run lasts seconds; with the JVM's defaults most of its CPU goes to the optimising JIT
 * compiler (C2) for code that runs a few times, and to loading some 4,500 classes from the jar (docs/benchmarks.md).
 * The second JVM stops at the C1 compiler, uses the serial collector and maps the classes from a class-data archive
 * (AppCDS) that the first run of the same suite set on this machine records in a cache directory. A plain decision on its inputs, so it is
 * unit-tested without starting anything.
 *
 * <p>Runs in process when asked ({@code --in-process}, {@code BEELMS_SMOKE_IN_PROCESS=true}), for {@code --help},
 * or when the command line cannot be read back. The user's own JVM options ({@code -D...}, {@code -Xmx...}) are passed
 * on after the fast ones, so they win; {@code JDK_JAVA_OPTIONS} reaches the second JVM through the environment.
 */
record LaunchPlan(Optional<List<String>> command, Optional<Path> archiveToRecord, Optional<Path> archive) {

    static final String IN_PROCESS_OPTION = "--in-process";
    static final String IN_PROCESS_ENV = "BEELMS_SMOKE_IN_PROCESS";
    static final String CACHE_DIR_ENV = "BEELMS_SMOKE_CACHE_DIR";
    static final String MAIN_CLASS = "org.beelms.smoke.runner.SmokeMain";
    static final List<String> FAST_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            // one C1 thread: a short run's compile queue is small, and a second compiler thread takes a core from the
            // run's own threads (8 interleaved runs on 2 cores: 1.20 -> 1.14 s mean wall, docs/benchmarks.md)
            "-XX:CICompilerCount=1",
            // the archive's own notices (recorded, mismatched after a JDK update) would break the one-line-per-failure log
            "-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    /** The facts the decision rests on, read by {@link SmokeLauncher} from the running JVM. */
    record Facts(List<String> args, Map<String, String> env, Optional<List<String>> jvmArguments, Path javaHome,
                 String classPath, int javaFeature, String javaVmVersion, Optional<Path> cacheDir,
                 Optional<JarStamp> jar, Predicate<Path> fileExists, long pid) {
    }

    /** The jar's identity for the archive's name: an archive only serves the jar (and JDK) it was recorded for. */
    record JarStamp(Path path, long size, long modified) {
    }

    static LaunchPlan inProcess() {
        return new LaunchPlan(Optional.empty(), Optional.empty(), Optional.empty());
    }

    boolean forks() {
        return command.isPresent();
    }

    static LaunchPlan decide(Facts facts) {
        if (facts.args().contains(IN_PROCESS_OPTION) || "true".equalsIgnoreCase(facts.env().get(IN_PROCESS_ENV))
                || facts.args().contains("--help") || facts.args().contains("-h") || facts.jvmArguments().isEmpty()) {
            return inProcess();
        }
        List<String> command = new ArrayList<>();
        command.add(facts.javaHome().resolve("bin").resolve("java").toString());
        command.addAll(FAST_OPTIONS);
        Optional<Path> record = Optional.empty();
        Optional<Path> use = Optional.empty();
        // dynamic archives: JDK 13+; only for the jar itself (a class-path directory cannot be archived)
        if (facts.javaFeature() >= 13 && facts.jar().isPresent() && facts.cacheDir().isPresent()) {
            // one archive per suite set: it holds what such a run loads (an archive recorded by --suites ops would
            // leave a smoke tier run half served, one of the smoke tier lacks the browser tier's Selenium classes)
            Path archive = facts.cacheDir().get().resolve(archiveName(facts.jar().get(), facts.javaHome(),
                    facts.javaVmVersion(), suiteSet(facts.args())));
            if (facts.fileExists().test(archive)) {
                use = Optional.of(archive);
                command.add("-XX:SharedArchiveFile=" + archive);
            } else {
                Path partial = archive.resolveSibling(archive.getFileName() + "." + facts.pid() + ".tmp");
                record = Optional.of(partial);
                command.add("-XX:ArchiveClassesAtExit=" + partial);
            }
        }
        command.addAll(facts.jvmArguments().get());
        command.add("-cp");
        command.add(facts.classPath());
        command.add(MAIN_CLASS);
        command.addAll(facts.args());
        return new LaunchPlan(Optional.of(List.copyOf(command)), record, use);
    }

    /**
     * The suite set {@code args} run, as part of an archive's name: empty for the whole smoke tier (no {@code --suites},
     * or one naming {@code smoke} or {@code all}), else the named suites, lower case, sorted, joined by {@code +}.
     */
    static Optional<String> suiteSet(List<String> args) {
        String suites = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--suites") && i + 1 < args.size()) {
                suites = args.get(i + 1);
            } else if (a.startsWith("--suites=")) {
                suites = a.substring("--suites=".length());
            }
        }
        if (suites == null) {
            return Optional.empty();
        }
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (String s : suites.split("[,\\s]+")) {
            String name = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
            if (name.equals("smoke") || name.equals("all")) {
                return Optional.empty();
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(String.join("+", names));
    }

    /**
     * {@code smoke-<hash>.jsa} for the smoke tier, {@code smoke-<hash>-<suites>.jsa} for another suite set: the hash
     * covers the jar's path, size and time, and the JDK.
     */
    static String archiveName(JarStamp jar, Path javaHome, String vmVersion, Optional<String> suiteSet) {
        String key = jar.path().toAbsolutePath() + "|" + jar.size() + "|" + jar.modified() + "|" + javaHome + "|" + vmVersion;
        return "smoke-" + Integer.toHexString(key.hashCode()) + Long.toHexString(jar.size())
                + suiteSet.map(s -> "-" + s).orElse("") + ".jsa";
    }

    /** The archive files of a cache directory ({@link #archiveName}). */
    static final String ARCHIVE_PATTERN = "smoke-[0-9a-f]+(-[a-z0-9+]+)?\\.jsa";

    /**
     * The JVM options of a {@code java ... -jar file args} or {@code java ... -cp path Main args} command line: what
     * comes before {@code -jar}/the main class (the user's {@code -D}, {@code -X} options).
     */
    static List<String> jvmOptions(List<String> commandArguments) {
        List<String> options = new ArrayList<>();
        for (int i = 0; i < commandArguments.size(); i++) {
            String a = commandArguments.get(i);
            if (a.equals("-jar") || !a.startsWith("-")) {
                break;
            }
            if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")) {
                i++; // the class path is set again for the second JVM
                continue;
            }
            options.add(a);
        }
        return options;
    }
}
