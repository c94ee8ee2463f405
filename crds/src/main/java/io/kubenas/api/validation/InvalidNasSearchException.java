package io.kubenas.api.validation;

import java.util.List;
import java.util.stream.Collectors;

/** A manifest or spec that cannot be run, with every problem found (not only the first). */
public class InvalidNasSearchException extends RuntimeException {
    private final transient List<ValidationProblem> problems;

    public InvalidNasSearchException(List<ValidationProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ValidationProblem> problems() {
        return problems;
    }

    /** One line per problem, the form used in CLI errors and in the Valid condition's message. */
    public static String describe(List<ValidationProblem> problems) {
        return problems.stream().map(ValidationProblem::toString).collect(Collectors.joining("\n"));
    }
}
