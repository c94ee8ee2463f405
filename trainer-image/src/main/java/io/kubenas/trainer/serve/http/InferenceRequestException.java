package io.kubenas.trainer.serve.http;

/**
 * A request the server refuses, with the HTTP status and a message that names what is wrong; it becomes
 * {@code {"error": message}} (the Open Inference Protocol's error body).
 */
public class InferenceRequestException extends RuntimeException {
    private final int status;

    public InferenceRequestException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static InferenceRequestException badRequest(String message) {
        return new InferenceRequestException(400, message);
    }

    public int status() {
        return status;
    }
}
