package io.kubenas.trainer.startup;

import java.io.Writer;
import org.jboss.logging.Logger;

/**
 * A writer that turns each line written to it into one log record. With JSON logs, a command's error stream (picocli's
 * {@code err}: "search: the NasSearch is not valid:", "serve: cannot serve ...") is replaced by one of these, so every
 * line a pod prints is a JSON object and a collector parsing the stream does not trip over the line that matters most.
 */
final class LoggedLines extends Writer {
    private final Logger log;
    private final Logger.Level level;
    private final StringBuilder line = new StringBuilder();

    LoggedLines(Logger log, Logger.Level level) {
        this.log = log;
        this.level = level;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        synchronized (lock) {
            for (int i = offset; i < offset + length; i++) {
                char c = chars[i];
                if (c == '\n') {
                    emit();
                } else if (c != '\r') {
                    line.append(c);
                }
            }
        }
    }

    /** A partial line is logged too: the command flushes its error stream before it returns, and nothing may be lost. */
    @Override
    public void flush() {
        synchronized (lock) {
            emit();
        }
    }

    @Override
    public void close() {
        flush();
    }

    private void emit() {
        if (!line.toString().isBlank()) {
            log.log(level, line.toString());
        }
        line.setLength(0);
    }
}
