package io.lem.load;

import java.io.IOException;
import java.net.URI;

/** Nothing answers at the endpoint of a load run: nothing was sent, nothing written. */
public final class EndpointUnreachableException extends IOException {

    public EndpointUnreachableException(URI endpoint, String reason) {
        super("nothing answers at " + endpoint + " (" + reason + "); start the server or fix --endpoint");
    }
}
