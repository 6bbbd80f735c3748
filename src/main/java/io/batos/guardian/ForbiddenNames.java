package io.batos.guardian;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of names a method must not use, by simple and by qualified name, with the reason
 * and the rule that refuses each.
 *
 * <p>Why a catalogue of names: the text rules have no types. {@code System.exit(0)},
 * {@code java.lang.System.exit(0)}, {@code System::exit} and {@code new java.io.File(p)} all
 * name a forbidden type somewhere, so the guardian matches names: a simple name (a method source
 * has no imports, so a simple name is either one of the fixed imports or a name the author hoped
 * to import) or a dotted name whose package part is lower-case. A name declared in the source itself
 * (a local class called {@code Timer}) is the author's own and is skipped by the callers.
 *
 * <p>Contract: {@link #classify(String)} answers the first match for a dotted name — a forbidden
 * package prefix ({@code java.net}, {@code java.nio.file}, {@code java.lang.reflect}, the image's
 * internals under {@code io.batos} except {@code UvmObject}, …), or a forbidden type name, simple or
 * under a JDK package ({@code System}, {@code Thread}, {@code Files}, {@code Formatter}, …). Locking
 * types ({@code ReentrantLock}, {@code Semaphore}, …) belong to the {@code sync} rule, the rest to
 * {@code forbidden-api}. The lists are deliberately broad: the sandbox's member allow-list is the
 * boundary, these names are early feedback.
 */
final class ForbiddenNames {

    /**
     * Why a name is refused.
     *
     * @param rule   {@code forbidden-api} or {@code sync}
     * @param reason what the name gives access to, for the message
     */
    record Match(String rule, String reason) {
    }

    private static final String FORBIDDEN = "forbidden-api";
    private static final String SYNC = "sync";

    private static final Map<String, Match> PACKAGES = new HashMap<>();
    private static final Map<String, Match> TYPES = new HashMap<>();

    static {
        packages(FORBIDDEN, "reflection", "java.lang.reflect");
        packages(FORBIDDEN, "method handles", "java.lang.invoke");
        packages(FORBIDDEN, "references and cleaner threads", "java.lang.ref");
        packages(FORBIDDEN, "the JVM's management and instrumentation", "java.lang.management", "java.lang.instrument",
                "javax.management", "jdk.jfr");
        packages(FORBIDDEN, "modules and class loading", "java.lang.module");
        packages(FORBIDDEN, "native memory and code", "java.lang.foreign", "jdk.incubator");
        packages(FORBIDDEN, "files", "java.nio.file", "java.util.prefs", "java.util.jar", "java.util.logging");
        packages(FORBIDDEN, "files and sockets", "java.nio.channels");
        packages(FORBIDDEN, "the network", "java.net", "javax.net", "java.rmi", "javax.naming", "java.sql", "javax.sql");
        packages(FORBIDDEN, "the desktop and processes", "java.awt", "javax.swing");
        packages(FORBIDDEN, "code evaluation", "javax.script", "javax.tools", "jdk.jshell");
        packages(FORBIDDEN, "JDK internals", "sun", "com.sun", "jdk.internal");
        packages(SYNC, "locks", "java.util.concurrent.locks");

        types(FORBIDDEN, "the process (exit, properties, environment, console streams)", "System");
        types(FORBIDDEN, "the process (exit, processes, native libraries)", "Runtime", "Shutdown");
        types(FORBIDDEN, "processes", "Process", "ProcessBuilder", "ProcessHandle");
        types(FORBIDDEN, "threads", "Thread", "ThreadGroup", "Executor", "Executors", "ExecutorService",
                "ScheduledExecutorService", "AbstractExecutorService", "ThreadPoolExecutor",
                "ScheduledThreadPoolExecutor", "ForkJoinPool", "ForkJoinTask", "ForkJoinWorkerThread",
                "RecursiveTask", "RecursiveAction", "CountedCompleter", "CompletableFuture", "CompletionService",
                "ExecutorCompletionService", "FutureTask", "ThreadFactory", "Timer", "TimerTask",
                "StructuredTaskScope", "Cleaner", "SubmissionPublisher");
        types(FORBIDDEN, "reflection and class loading", "Class", "ClassLoader", "URLClassLoader",
                "SecureClassLoader", "MethodHandles", "MethodHandle", "MethodType", "VarHandle",
                "LambdaMetafactory", "CallSite", "Method", "Field", "Constructor", "Proxy", "InvocationHandler",
                "AccessibleObject", "Executable", "RecordComponent", "Module", "ModuleLayer", "StackWalker",
                "ServiceLoader", "Unsafe", "Instrumentation");
        types(FORBIDDEN, "files", "File", "FileInputStream", "FileOutputStream", "FileReader", "FileWriter",
                "RandomAccessFile", "FileDescriptor", "Files", "Paths", "Path", "FileSystem", "FileSystems",
                "FileChannel", "PrintWriter", "PrintStream", "Formatter", "Scanner", "Console", "ZipFile",
                "JarFile", "Preferences", "ObjectInputStream", "ObjectOutputStream", "FileHandler");
        types(FORBIDDEN, "the network", "Socket", "ServerSocket", "DatagramSocket", "MulticastSocket", "URL",
                "URLConnection", "HttpURLConnection", "HttpClient", "InetAddress", "InetSocketAddress",
                "SocketChannel", "ServerSocketChannel", "DatagramChannel", "DriverManager");
        types(FORBIDDEN, "the security manager", "SecurityManager", "AccessController");
        types(FORBIDDEN, "code evaluation", "ScriptEngine", "ScriptEngineManager", "ToolProvider", "JavaCompiler",
                "JShell");
        types(FORBIDDEN, "the desktop and processes", "Desktop", "Robot");
        types(SYNC, "locks and blocking", "Lock", "ReentrantLock", "ReadWriteLock", "ReentrantReadWriteLock",
                "StampedLock", "Condition", "LockSupport", "Semaphore", "CountDownLatch", "CyclicBarrier", "Phaser",
                "Exchanger");
    }

    private ForbiddenNames() {
    }

    /** Each import line of {@code source} that names something of {@code rule}, with what it matched. */
    static void importsOf(ParsedSource source, String rule, java.util.function.BiConsumer<ParsedSource.Header, Match> each) {
        for (ParsedSource.Header header : source.headers()) {
            if (header.keyword().equals("import")) {
                classify(header.name()).filter(m -> m.rule().equals(rule)).ifPresent(m -> each.accept(header, m));
            }
        }
    }

    /** Why the dotted name (a type, a package, or a type followed by members) is refused, if it is. */
    static Optional<Match> classify(String dotted) {
        for (String prefix = dotted; !prefix.isEmpty(); prefix = parent(prefix)) {
            Match match = PACKAGES.get(prefix);
            if (match != null) {
                return Optional.of(match);
            }
        }
        if (dotted.startsWith("io.batos.") && !dotted.equals("io.batos.object.UvmObject")
                && !dotted.startsWith("io.batos.object.UvmObject.")) {
            return Optional.of(new Match(FORBIDDEN, "the image's internals (a method sees only UvmObject)"));
        }
        int start = 0;
        while (start < dotted.length()) {
            int end = dotted.indexOf('.', start);
            String segment = end < 0 ? dotted.substring(start) : dotted.substring(start, end);
            if (!segment.isEmpty() && Character.isUpperCase(segment.charAt(0))) {
                // the first capitalized segment is the type; trust it alone or under a JDK package
                String packageName = start == 0 ? "" : dotted.substring(0, start - 1);
                if (packageName.isEmpty() || isJdkPackage(packageName)) {
                    return Optional.ofNullable(TYPES.get(segment));
                }
                return Optional.empty();
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return Optional.empty();
    }

    /** The first segment of a dotted name. */
    static String first(String dotted) {
        int dot = dotted.indexOf('.');
        return dot < 0 ? dotted : dotted.substring(0, dot);
    }

    private static boolean isJdkPackage(String packageName) {
        return packageName.startsWith("java.") || packageName.startsWith("javax.") || packageName.startsWith("jdk.")
                || packageName.equals("java") || packageName.startsWith("sun.") || packageName.startsWith("com.sun.");
    }

    private static String parent(String dotted) {
        int dot = dotted.lastIndexOf('.');
        return dot < 0 ? "" : dotted.substring(0, dot);
    }

    private static void packages(String rule, String reason, String... names) {
        for (String name : List.of(names)) {
            PACKAGES.put(name, new Match(rule, reason));
        }
    }

    private static void types(String rule, String reason, String... names) {
        for (String name : List.of(names)) {
            TYPES.put(name, new Match(rule, reason));
        }
    }
}
