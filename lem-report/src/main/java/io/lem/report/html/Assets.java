package io.lem.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The page's static parts, read from the classpath: ECharts from its webjar (so the report is built with the library
 * the build resolved and nothing is fetched when it is viewed), and lem's own script and style.
 */
final class Assets {

    private static final String WEBJAR = "META-INF/resources/webjars/echarts/";
    private static final String POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

    private Assets() {
    }

    static String echartsVersion() {
        try (InputStream in = resource(POM)) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String echarts() {
        return text(WEBJAR + echartsVersion() + "/dist/echarts.min.js");
    }

    static String own(String name) {
        return text("io/lem/report/html/" + name);
    }

    private static String text(String path) {
        try (InputStream in = resource(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = Assets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException(path + " is not on the classpath: lem-report was built without it");
        }
        return in;
    }
}
