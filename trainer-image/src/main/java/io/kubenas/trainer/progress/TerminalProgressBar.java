package io.kubenas.trainer.progress;

import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.progress.AttemptBudget;
import io.kubenas.api.v1alpha1.ChildStatus;
import io.kubenas.api.v1alpha1.ProgressStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a local run on the terminal. On a TTY one line is redrawn in place ({@code \r}) at most
 * every 200 ms; otherwise (piped, CI logs) a plain line is printed every 30 s and at every forced report,
 * so logs stay readable. For example:
 *
 * <pre>
 * Searching  epoch 3/16 [####----------------]  step 2,345  loss 0.412  val 88.4% (best 89.0%)  1,650 img/s  ETA 6m 12s  budget 12% used, 52m 48s left
 * </pre>
 */
public final class TerminalProgressBar implements ProgressReporter {
    private static final int BAR_WIDTH = 20;
    public static final Duration TTY_REDRAW = Duration.ofMillis(200);
    public static final Duration PLAIN_INTERVAL = Duration.ofSeconds(30);

    private final PrintStream out;
    private final boolean interactive;
    private final ReportThrottle throttle;
    private int lastLength;
    private boolean finished;

    /**
     * @param interactive true on a TTY (redraw one line), false for plain periodic lines
     */
    public TerminalProgressBar(PrintStream out, boolean interactive) {
        this(out, interactive, interactive ? TTY_REDRAW : PLAIN_INTERVAL, System::nanoTime);
    }

    TerminalProgressBar(PrintStream out, boolean interactive, Duration interval, LongSupplier nanoTime) {
        this.out = out;
        this.interactive = interactive;
        this.throttle = new ReportThrottle(interval, nanoTime);
    }

    @Override
    public synchronized void report(TrainerProgress progress) {
        if (!finished && throttle.tryAcquire()) {
            draw(render(progress));
        }
    }

    @Override
    public synchronized void reportNow(TrainerProgress progress) {
        if (!finished) {
            throttle.restart();
            draw(render(progress));
        }
    }

    /** Draws the last state, ends the line, and prints a one-line verdict. */
    @Override
    public synchronized void finish(TrainerProgress summary) {
        if (finished) {
            return;
        }
        reportNow(summary);
        if (interactive) {
            out.println();
        }
        out.println(verdict(summary));
        out.flush();
        finished = true;
    }

    private void draw(String line) {
        if (interactive) {
            // Spaces wipe what is left of a longer previous line.
            String padding = line.length() < lastLength ? " ".repeat(lastLength - line.length()) : "";
            out.print("\r" + line + padding);
            lastLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** The status line for a report: the fields that are known, in a fixed order. */
    public static String render(TrainerProgress progress) {
        List<String> parts = new ArrayList<>();
        ProgressStatus p = progress.getProgress();
        String stage = progress.getStage() != null ? progress.getStage().display() : p != null && p.getStage() != null ? p.getStage() : null;
        if (stage != null) {
            parts.add(String.format(Locale.ROOT, "%-10s", stage));
        }
        if (p != null) {
            if (p.getEpoch() != null && p.getTotalEpochs() != null && p.getTotalEpochs() > 0) {
                parts.add("epoch " + p.getEpoch() + "/" + p.getTotalEpochs() + " " + bar(p.getEpoch(), p.getTotalEpochs()));
            } else if (p.getEpoch() != null) {
                parts.add("epoch " + p.getEpoch());
            }
            if (p.getStep() != null) {
                parts.add(String.format(Locale.ROOT, "step %,d", p.getStep()));
            }
            if (p.getLoss() != null) {
                parts.add(String.format(Locale.ROOT, "loss %.3f", p.getLoss()));
            }
            if (p.getValidationAccuracy() != null) {
                String best = p.getBestAccuracy() == null ? "" : " (best " + percent(p.getBestAccuracy()) + ")";
                parts.add("val " + percent(p.getValidationAccuracy()) + best);
            } else if (p.getBestAccuracy() != null) {
                parts.add("best val " + percent(p.getBestAccuracy()));
            }
            if (p.getImagesPerSecond() != null) {
                parts.add(String.format(Locale.ROOT, "%,.0f img/s", p.getImagesPerSecond()));
            }
        }
        if (progress.getEtaSeconds() != null) {
            parts.add("ETA " + duration(progress.getEtaSeconds()));
        }
        String budget = budget(progress.getBudget());
        if (budget != null) {
            parts.add(budget);
        }
        return String.join("  ", parts);
    }

    /** E.g. "Finished (TARGET_REACHED): child 93.1% on test, 93.4% on validation, at child/". */
    static String verdict(TrainerProgress summary) {
        TrainerOutcome outcome = summary.getOutcome() == null ? TrainerOutcome.RUNNING : summary.getOutcome();
        StringBuilder line = new StringBuilder(switch (outcome) {
            case STOPPED -> "Stopped (resumable)";
            case FAILED -> "Failed";
            case RUNNING -> "Ended";
            default -> "Finished (" + outcome + ")";
        });
        ChildStatus child = summary.getChild();
        if (child != null) {
            List<String> facts = new ArrayList<>();
            if (child.getTestAccuracy() != null) {
                facts.add(percent(child.getTestAccuracy()) + " on test");
            }
            if (child.getValidationAccuracy() != null) {
                facts.add(percent(child.getValidationAccuracy()) + " on validation");
            }
            line.append(": child");
            if (!facts.isEmpty()) {
                line.append(' ').append(String.join(", ", facts));
            }
            if (child.getPath() != null) {
                line.append(", at ").append(child.getPath());
            }
        }
        if (summary.getMessage() != null) {
            line.append(" — ").append(summary.getMessage());
        }
        return line.toString();
    }

    private static String bar(int epoch, int total) {
        int filled = (int) Math.round(BAR_WIDTH * Math.min(1.0, Math.max(0, epoch) / (double) total));
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
    }

    private static String budget(AttemptBudget budget) {
        if (budget == null) {
            return null;
        }
        Double used = budget.getDeviceSecondsUsed();
        Double limit = budget.getDeviceSecondsLimit();
        if (used != null && limit != null && limit > 0) {
            return String.format(Locale.ROOT, "budget %.0f%% used, %s left", 100 * used / limit, duration(Math.max(0, limit - used)));
        }
        if (used != null) {
            return "budget " + duration(used) + " used";
        }
        return budget.getUsed() == null ? null : "budget " + budget.getUsed() + " used";
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** 45s, 6m 12s, 1h 05m. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        }
        return (s / 3600) + "h " + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }
}
