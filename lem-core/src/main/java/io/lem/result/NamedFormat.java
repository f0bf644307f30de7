package io.lem.result;

/** A format's two names; the subclasses add its writer and reader. */
abstract class NamedFormat<W, R> implements ResultFormat<W, R> {

    private final String name;
    private final String fileName;

    NamedFormat(String name, String fileName) {
        this.name = name;
        this.fileName = fileName;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String fileName() {
        return fileName;
    }
}
