package io.lem.load;

import java.util.SplittableRandom;

/** Gaps between arrivals of an open-loop process, in seconds at full rate, drawn from one seeded stream. */
final class InterArrivals {

    private InterArrivals() {
    }

    static double nextGapS(ArrivalProcess.Open process, SplittableRandom random) {
        return switch (process) {
            case ArrivalProcess.ConstantRate c -> 1 / c.rps();
            case ArrivalProcess.Poisson p -> random.nextExponential() / p.rps();
            case ArrivalProcess.Gamma g -> gamma(g.burstiness(), random) / (g.rps() * g.burstiness());
        };
    }

    /**
     * A unit-scale gamma variate (Marsaglia and Tsang 2000); shapes below 1 use the boost
     * Gamma(k) = Gamma(k + 1) · U^(1/k), since the squeeze needs k >= 1.
     */
    static double gamma(double shape, SplittableRandom random) {
        if (shape < 1) {
            return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
