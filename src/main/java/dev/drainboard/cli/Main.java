package dev.drainboard.cli;

import dev.drainboard.app.Failures;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: no arguments open the console; a subcommand runs headless. Exit codes:
 * 0 success, 1 the work failed (the cause is one line on stderr), 2 bad flags or settings.
 */
@Command(name = "drainboard", mixinStandardHelpOptions = true, version = "Drainboard 0.1.0",
        description = "Drains user-login events from SQS into PostgreSQL with ip and device_id masked.%n"
                + "Without a command, opens the operator console.",
        subcommands = {DrainCommand.class, PreviewCommand.class, SeedCommand.class, DepthCommand.class,
                SchemaCommand.class, UnmaskCommand.class, KeysCommand.class, MaskTableCommand.class, BenchCommand.class,
                ExportCommand.class, ExploreBenchCommand.class, RedriveCommand.class,
                ConsoleCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        // On SIGTERM / Ctrl-C the JVM ends once its shutdown hooks have: this one holds it until the
        // command has finished its stop (summary or error printed), for at most a little longer than
        // the workspace waits for its owner.
        CountDownLatch finished = new CountDownLatch(1);
        Thread holdUntilFinished = new Thread(() -> {
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "drainboard-finish");
        boolean console = args.length == 0 || args[0].equals("console"); // the console ends its process itself
        if (!console) {
            Runtime.getRuntime().addShutdownHook(holdUntilFinished);
        }
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        finished.countDown();
        try {
            if (!console) {
                Runtime.getRuntime().removeShutdownHook(holdUntilFinished);
            }
        } catch (IllegalStateException shuttingDown) {
            // a signal is being handled; the hook returns at once now
        }
        System.exit(code);
    }

    /** Runs a command line and returns its exit code; used by tests too. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 0) {
            args = new String[] {"console"};
        }
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(e));
            return Failures.of(e) == Failures.CONFIGURATION ? 2 : 1;
        });
        return cl.execute(args);
    }

    static String oneLine(Throwable e) {
        if (Failures.speaksForItself(e)) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
