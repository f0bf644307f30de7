package io.lem.client;

import java.io.BufferedReader;
import java.io.IOException;

/** Reads one HTTP 200 body of one API, feeding the tally; a malformed body becomes a failed record, not an error. */
@FunctionalInterface
interface ResponseReader {

    RequestRecord read(BufferedReader body, Tally tally) throws IOException;
}
