package io.kubenas.trainer.serve.model;

/** Every worker stayed busy for the whole queue timeout: the client should retry later (503). */
public class ModelBusyException extends Exception {
    public ModelBusyException(String message) {
        super(message);
    }
}
