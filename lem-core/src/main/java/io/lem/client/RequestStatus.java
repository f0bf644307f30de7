package io.lem.client;

/** How a request ended. Faults are data: a failed request is recorded, never thrown. */
public enum RequestStatus {
    OK, HTTP_ERROR, CONNECTION_ERROR, TIMEOUT, PROTOCOL_ERROR;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
