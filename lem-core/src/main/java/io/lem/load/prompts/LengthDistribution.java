package io.lem.load.prompts;

import java.util.Locale;
import java.util.SplittableRandom;

import io.lem.config.ConfigException;

/**
 * A distribution of token lengths. Draws are rounded and clamped to at least 1, so a wide normal still yields
 * valid requests (the clamp shifts its mean up slightly; keep mean/std ≥ 3 to make that negligible).
 */
public sealed interface LengthDistribution {

    String FORMS = "use N, fixed:N, uniform:MIN:MAX, normal:MEAN:STD or lognormal:MEAN:STD";

    int draw(SplittableRandom random);

    record Fixed(int tokens) implements LengthDistribution {
        public Fixed {
            positive("tokens", tokens);
        }

        @Override
        public int draw(SplittableRandom random) {
            return tokens;
        }
    }

    /** Uniform over the integers {@code min..max}, both included. */
    record Uniform(int min, int max) implements LengthDistribution {
        public Uniform {
            positive("min", min);
            if (max < min) {
                throw new ConfigException("length", "uniform max " + max + " is below min " + min);
            }
        }

        @Override
        public int draw(SplittableRandom random) {
            return random.nextInt(min, max + 1);
        }
    }

    record Normal(double mean, double std) implements LengthDistribution {
        public Normal {
            positive("mean", mean);
            nonNegative("std", std);
        }

        @Override
        public int draw(SplittableRandom random) {
            return clamp(mean + std * random.nextGaussian());
        }
    }

    /**
     * Log-normal given by the mean and standard deviation of the lengths themselves (not of their logarithm):
     * σ² = ln(1 + std²/mean²), μ = ln(mean) − σ²/2. Right-skewed like real prompt and reply lengths.
     */
    record LogNormal(double mean, double std) implements LengthDistribution {
        public LogNormal {
            positive("mean", mean);
            nonNegative("std", std);
        }

        @Override
        public int draw(SplittableRandom random) {
            double sigma2 = Math.log1p(std * std / (mean * mean));
            double mu = Math.log(mean) - sigma2 / 2;
            return clamp(Math.exp(mu + Math.sqrt(sigma2) * random.nextGaussian()));
        }
    }

    /**
     * Parses {@code 128}, {@code fixed:128}, {@code uniform:64:256}, {@code normal:256:64} or
     * {@code lognormal:256:128} (mean:std).
     *
     * @param field the option or key being parsed, named in the error
     */
    static LengthDistribution parse(String field, String spec) {
        String[] parts = spec == null ? new String[0] : spec.strip().toLowerCase(Locale.ROOT).split(":");
        try {
            if (parts.length == 1 && !parts[0].isEmpty() && Character.isDigit(parts[0].charAt(0))) {
                return new Fixed(Integer.parseInt(parts[0]));
            }
            if (parts.length == 2 && parts[0].equals("fixed")) {
                return new Fixed(Integer.parseInt(parts[1]));
            }
            if (parts.length == 3) {
                switch (parts[0]) {
                    case "uniform" -> {
                        return new Uniform(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                    }
                    case "normal" -> {
                        return new Normal(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
                    }
                    case "lognormal" -> {
                        return new LogNormal(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
                    }
                    default -> {
                    }
                }
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(field, "'" + spec + "' has a number that is not one; " + FORMS, e);
        } catch (ConfigException e) {
            throw new ConfigException(field, "'" + spec + "': " + e.getMessage().substring(e.field().length() + 2), e);
        }
        throw new ConfigException(field, "'" + spec + "' is not a length distribution; " + FORMS);
    }

    private static int clamp(double tokens) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(tokens)));
    }

    private static void positive(String name, double value) {
        if (!(value >= 1)) {
            throw new ConfigException("length", name + " must be at least 1 token, was " + value);
        }
    }

    private static void nonNegative(String name, double value) {
        if (!(value >= 0)) {
            throw new ConfigException("length", name + " must not be negative, was " + value);
        }
    }
}
