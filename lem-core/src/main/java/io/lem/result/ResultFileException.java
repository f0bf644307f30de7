package io.lem.result;

/**
 * A result file that is missing or is not what lem writes. {@link #where()} names the file (and line), {@link
 * #problem()} what is wrong and the fix; the message is both, as one line.
 */
public final class ResultFileException extends RuntimeException {

    private final String where;
    private final String problem;

    public ResultFileException(Object where, String problem) {
        super(where + ": " + problem);
        this.where = String.valueOf(where);
        this.problem = problem;
    }

    public String where() {
        return where;
    }

    public String problem() {
        return problem;
    }
}
