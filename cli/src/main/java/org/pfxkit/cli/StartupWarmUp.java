package org.pfxkit.cli;

/**
 * Work a short-lived tool will need, done ahead on the second core while the main thread starts picocli. The same
 * idea as Spring Boot's {@code BackgroundPreinitializer}: nothing here changes a result, the steps only fill caches
 * (initialised classes and providers, JIT-compiled code) that the main thread then finds ready. No lambdas or method
 * references here: each first use of one costs about half a millisecond of method-handle linking at start-up
 * (docs/performance.md).
 */
public final class StartupWarmUp {
    private StartupWarmUp() {
    }

    /** A step that may fail: a warm-up step's failure is ignored, the real code meets it again and reports it. */
    public interface Step {
        void run() throws Exception;
    }

    /** Runs the steps in order on a daemon thread, which never delays the process's exit. */
    public static void inBackground(Step... steps) {
        Thread thread = new Thread(new Steps(steps), "pfxkit-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static final class Steps implements Runnable {
        private final Step[] steps;

        Steps(Step[] steps) {
            this.steps = steps;
        }

        @Override
        public void run() {
            for (Step step : steps) {
                try {
                    step.run();
                } catch (Exception | LinkageError ignored) {
                    // Only a warm-up: see the class comment.
                }
            }
        }
    }
}
