package io.lem.llamacpp.serve;

/** A request the server refuses, answered with {@code status} and an error body naming {@code param}. */
final class ApiException extends RuntimeException {
    private final int status;
    private final String param;

    ApiException(int status, String message, String param) {
        super(message);
        this.status = status;
        this.param = param;
    }

    int status() {
        return status;
    }

    String param() {
        return param;
    }
}
