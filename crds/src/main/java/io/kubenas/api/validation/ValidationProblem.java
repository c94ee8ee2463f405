package io.kubenas.api.validation;

/**
 * One thing wrong with a NasSearch, with the path of the field it is about (e.g.
 * {@code spec.searchSpace.layers[2].outChannels}) and a message that says what is allowed.
 */
public record ValidationProblem(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
