/*
 * Does this JVM run Python with Truffle's optimizing runtime (the Graal
 * compiler, through JVMCI), or did it fall back to the interpreter, which is
 * ~100x slower? Without the compiler on the --upgrade-module-path, or without
 * -XX:+EnableJVMCI, Truffle falls back silently but for one warning on
 * stderr, and every benchmark row would be wrong by two orders of magnitude.
 *
 * The answer comes from what the runtime does, never from the JVM's flags.
 * Both checks print one line, "jit" or "interpreter: <why>":
 *
 *   graalpy --ladder-jit-status   the polyglot engine names its runtime: the
 *       fallback one is "Interpreted", and its warning gives the cause
 *       ("JVMCI is not enabled for this JVM", ...). No Python context: a
 *       second or two, for the harness's probe of every interpreter.
 *   graalpy --ladder-jit-check    that, and then a small hot Python function
 *       must really be compiled to machine code: the compilation trace must
 *       report it done. A GraalPy context and the compiler's first
 *       compilation: ~15 s of CPU; setup and tests/test_graalpy.sh run it.
 */
package ladder.graalpy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;

final class JitStatus {
    /** The answer when Python is compiled. */
    static final String JIT = "jit";

    /** Engine.getImplementationName() of Truffle's fallback runtime. */
    private static final String FALLBACK_RUNTIME = "Interpreted";

    /** How the fallback warning introduces its cause. */
    private static final String CAUSE_PREFIX = "The following cause was found: ";

    /** The compilation trace's words for a finished and a failed compilation. */
    private static final String COMPILED = "opt done";
    private static final String FAILED = "opt failed";

    private static final String PROBE = "ladder_jit_probe";

    /** Calls enough to pass Truffle's compilation thresholds (hundreds of calls and loop iterations). */
    private static final int PROBE_CALLS = 2000;

    private static final String PROBE_SOURCE = """
            def %s(n):
                total = 0
                for i in range(n):
                    total += i
                return total

            for _ in range(%d):
                %s(100)
            """.formatted(PROBE, PROBE_CALLS, PROBE);

    private JitStatus() {
    }

    /**
     * Returns "jit" or "interpreter: <why>"; with compile, "jit" only once a
     * hot Python function has been compiled.
     */
    static String check(boolean compile) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Engine engine = Engine.newBuilder(Launcher.PYTHON).logHandler(log).build()) {
            if (engine.getImplementationName().equals(FALLBACK_RUNTIME)) {
                return "interpreter: " + fallbackCause(text(log));
            }
        }
        return compile ? compileProbe() : JIT;
    }

    /** The fallback warning's cause, or what is known without it. */
    private static String fallbackCause(String warning) {
        for (String line : warning.split("\n")) {
            if (line.startsWith(CAUSE_PREFIX)) {
                return line.substring(CAUSE_PREFIX.length()).strip();
            }
        }
        return "Truffle's fallback runtime is in use (it gave no cause)";
    }

    /** Runs the probe on an optimizing engine and reads the compilation trace. */
    private static String compileProbe() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String runtime;
        try (Engine engine = Engine.newBuilder(Launcher.PYTHON)
                .logHandler(log)
                // The options below are for diagnosis, hence experimental.
                .allowExperimentalOptions(true)
                // One log line per compilation: done, failed, deoptimized.
                .option("engine.TraceCompilation", "true")
                // Compile on the calling thread, so that the compilation has
                // finished (or failed) when eval() returns...
                .option("engine.BackgroundCompilation", "false")
                // ...and only the probe: GraalPy's start-up code would
                // otherwise be compiled synchronously too (~20 s).
                .option("engine.CompileOnly", PROBE)
                .build();
             Context context = Context.newBuilder(Launcher.PYTHON).engine(engine).build()) {
            runtime = engine.getImplementationName();
            context.eval(Launcher.PYTHON, PROBE_SOURCE);
        }
        String failure = null;
        for (String line : text(log).split("\n")) {
            if (line.contains(PROBE) && line.contains(COMPILED)) {
                return JIT;
            }
            if (line.contains(FAILED) && failure == null) {
                failure = line.strip();
            }
        }
        if (failure != null) {
            return "interpreter: the compiler failed: " + failure;
        }
        return "interpreter: " + runtime + " compiled nothing of a hot function";
    }

    private static String text(ByteArrayOutputStream log) {
        return log.toString(StandardCharsets.UTF_8);
    }
}
