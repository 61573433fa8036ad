/*
 * GraalPy as a `python` executable, for the ladder's harness, which starts
 * every Python runtime the same way:
 *
 *     graalpy -c CODE [ARG...]       runs CODE; sys.argv == ['-c', ARG...]
 *     graalpy SCRIPT [ARG...]        runs SCRIPT as __main__; sys.argv == [SCRIPT, ARG...]
 *     graalpy --ladder-jit-status    prints "jit" or "interpreter: <why>" (see JitStatus)
 *     graalpy --ladder-jit-check     the same, once Python code has been compiled;
 *                                    exit status 0 for "jit"
 *
 * The exit status is CPython's: 0, SystemExit's code, 1 after an uncaught
 * exception (the traceback on stderr), 2 for a bad command line or a script
 * that cannot be opened. Standard input, output and error are the process's
 * own file descriptors, the environment (and the PYTHON* variables CPython
 * reads) and the current directory the caller's.
 *
 * GraalPy ships no executable on Maven Central, only the language as jars;
 * its own launcher (GraalPythonMain) is not among them, hence this class.
 * build/graalpy/bin/graalpy, written by interpreters/graalpy/setup, starts
 * the JVM with the Graal compiler (the JIT) and calls main().
 */
package ladder.graalpy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;

public final class Launcher {
    /** GraalPy's language id in the polyglot API. */
    static final String PYTHON = "python";

    /** CPython's exit status for a bad command line or a script it cannot open. */
    private static final int USAGE_ERROR = 2;

    /** CPython's exit status after an uncaught exception. */
    private static final int UNCAUGHT_EXCEPTION = 1;

    /** The system property by which the wrapper passes its own path: sys.executable. */
    private static final String EXECUTABLE_PROPERTY = "ladder.graalpy.executable";

    /**
     * The PYTHON* variables CPython reads at start-up that GraalPy leaves to
     * its launcher, with the context option each sets: first those whose
     * value is the option's, then those that are flags when not empty.
     */
    private static final Map<String, String> VALUE_VARIABLES = Map.of(
            "PYTHONPATH", "python.PythonPath",
            "PYTHONIOENCODING", "python.StandardStreamEncoding",
            "PYTHONWARNINGS", "python.WarnOptions");
    private static final Map<String, String> FLAG_VARIABLES = Map.of(
            "PYTHONUNBUFFERED", "python.UnbufferedIO",
            "PYTHONSAFEPATH", "python.SafePathFlag",
            "PYTHONNOUSERSITE", "python.NoUserSiteFlag");

    private static final String USAGE = "usage: graalpy (-c CODE | SCRIPT) [ARG...]"
            + " | --ladder-jit-status | --ladder-jit-check";

    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** What to run: the program's sys.argv, and either CODE (-c) or SCRIPT. */
    private record Invocation(String[] argv, String code, String script) {
        /** Returns null when the command line is not one this launcher accepts. */
        static Invocation parse(String[] args) {
            if (args.length >= 2 && args[0].equals("-c")) {
                String[] argv = Arrays.copyOfRange(args, 1, args.length);
                argv[0] = "-c";
                return new Invocation(argv, args[1], null);
            }
            if (args.length >= 1 && !args[0].startsWith("-")) {
                return new Invocation(args.clone(), null, args[0]);
            }
            return null;
        }
    }

    static int run(String[] args) {
        if (args.length == 1 && args[0].equals("--ladder-jit-status")) {
            System.out.println(JitStatus.check(false));
            return 0;
        }
        if (args.length == 1 && args[0].equals("--ladder-jit-check")) {
            String answer = JitStatus.check(true);
            System.out.println(answer);
            return answer.equals(JitStatus.JIT) ? 0 : 1;
        }
        Invocation invocation = Invocation.parse(args);
        if (invocation == null) {
            System.err.println(USAGE);
            return USAGE_ERROR;
        }
        if (invocation.script() != null && !Files.isReadable(Path.of(invocation.script()))) {
            System.err.printf("%s: can't open file '%s': [Errno 2] No such file or directory%n",
                    System.getProperty(EXECUTABLE_PROPERTY, "graalpy"), absolute(invocation.script()));
            return USAGE_ERROR;
        }
        try (Context context = newContext(invocation).build()) {
            context.eval(program(invocation));
            return 0;
        } catch (PolyglotException e) {
            if (e.isExit()) {
                return e.getExitStatus();
            }
            if (!e.isGuestException()) {
                // A failure of GraalPy itself, which Python's excepthook never saw.
                e.printStackTrace();
            }
            return UNCAUGHT_EXCEPTION;
        }
    }

    private static Context.Builder newContext(Invocation invocation) {
        Context.Builder builder = Context.newBuilder(PYTHON)
                // sys.argv, exactly as CPython would set it.
                .arguments(PYTHON, invocation.argv())
                // A python executable may do whatever its user may: read and
                // write files, load native libraries (the POSIX backend below
                // is one), start threads and processes.
                .allowIO(IOAccess.ALL)
                .allowNativeAccess(true)
                .allowCreateThread(true)
                .allowCreateProcess(true)
                // os.environ is the caller's environment.
                .allowEnvironmentAccess(EnvironmentAccess.INHERIT)
                // RunViaLauncher and ExecutableList are marked experimental.
                .allowExperimentalOptions(true)
                // The real POSIX API, as CPython has it: stdin, stdout and
                // stderr are file descriptors 0, 1 and 2 (bytes pass through
                // untouched, flush() reaches the pipe at once), os.getcwd() is
                // the process's. The default is an emulation on Java streams,
                // meant for sandboxed embeddings.
                .option("python.PosixModuleBackend", "native")
                // We are a python launcher, not an application embedding
                // Python: silences the warning that the native backend ignores
                // the context's streams (that is what we want).
                .option("python.RunViaLauncher", "true")
                // Uncaught exceptions are printed by sys.excepthook, as CPython
                // does; otherwise they would only reach Java.
                .option("python.AlwaysRunExcepthook", "true")
                // CPython imports site at start-up (site-packages, .pth
                // files); an embedded GraalPy does not unless asked.
                .option("python.ForceImportSite", "true");
        String executable = System.getProperty(EXECUTABLE_PROPERTY);
        if (executable != null) {
            // sys.executable is the wrapper, so that subprocess.run(
            // [sys.executable, ...]) starts this GraalPy again; the list is
            // the command GraalPy uses to start itself (it is one word here).
            builder.option("python.Executable", executable)
                    .option("python.ExecutableList", executable);
        }
        setFromEnvironment(builder);
        if (invocation.script() != null) {
            // The script __graalpython__.run_path() runs as __main__; GraalPy
            // then sets sys.path[0] to its folder, as CPython does. Absolute
            // (not normalized) because CPython's __main__.__file__ is.
            builder.option("python.InputFilePath", absolute(invocation.script()));
        }
        return builder;
    }

    private static void setFromEnvironment(Context.Builder builder) {
        VALUE_VARIABLES.forEach((variable, option) -> {
            String value = System.getenv(variable);
            if (value != null && !value.isEmpty()) {
                builder.option(option, value);
            }
        });
        FLAG_VARIABLES.forEach((variable, option) -> {
            String value = System.getenv(variable);
            if (value != null && !value.isEmpty()) {
                builder.option(option, "true");
            }
        });
        // "random" is what GraalPy does anyway.
        String seed = System.getenv("PYTHONHASHSEED");
        if (seed != null && !seed.isEmpty() && !seed.equals("random")) {
            builder.option("python.HashSeed", seed);
        }
    }

    private static String absolute(String path) {
        return Path.of(path).toAbsolutePath().toString();
    }

    private static Source program(Invocation invocation) {
        if (invocation.code() != null) {
            // Named as CPython names it in tracebacks.
            return Source.newBuilder(PYTHON, invocation.code(), "<string>").buildLiteral();
        }
        return Source.newBuilder(PYTHON, "__graalpython__.run_path()", "<internal>")
                .internal(true)
                .buildLiteral();
    }
}
