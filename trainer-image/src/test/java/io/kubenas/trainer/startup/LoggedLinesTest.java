package io.kubenas.trainer.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoggedLinesTest {
    private static final String CATEGORY = "io.kubenas.trainer.startup.LoggedLinesTest";
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        java.util.logging.Logger.getLogger(CATEGORY).addHandler(capture);
    }

    @AfterEach
    void release() {
        java.util.logging.Logger.getLogger(CATEGORY).removeHandler(capture);
    }

    /**
     * The records' messages. A Quarkus application that ran earlier in this JVM (the Quarkus tests) leaves a filter that
     * marks errors logged after its shutdown; that mark is not the writer's.
     */
    private List<String> messages() {
        return records.stream().map(r -> r.getMessage().replace(" [Error Occurred After Shutdown]", "")).toList();
    }

    @Test
    void eachPrintedLineBecomesOneRecordAtTheGivenLevelAndABlankLineNone() {
        PrintWriter err = new PrintWriter(new LoggedLines(Logger.getLogger(CATEGORY), Logger.Level.ERROR), true);

        err.println("search: the NasSearch is not valid:");
        err.print("  spec.budget.deviceHours: must be > 0\r\n");
        err.println();

        assertThat(messages()).containsExactly("search: the NasSearch is not valid:", "  spec.budget.deviceHours: must be > 0");
        // ERROR, which Quarkus' JSON formatter writes as "level":"ERROR", is SEVERE's rank.
        assertThat(records).allSatisfy(r -> assertThat(r.getLevel().intValue()).isEqualTo(Level.SEVERE.intValue()));
    }

    @Test
    void aLineWithoutItsBreakIsLoggedWhenTheStreamIsFlushedSoNothingIsLost() {
        PrintWriter err = new PrintWriter(new LoggedLines(Logger.getLogger(CATEGORY), Logger.Level.ERROR), false);

        err.print("serve: cannot serve /c");
        assertThat(records).isEmpty();
        err.flush();

        assertThat(messages()).containsExactly("serve: cannot serve /c");
    }
}
