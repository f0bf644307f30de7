package io.lem.engines;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.lem.config.ConfigException;

/**
 * How an engine spells a study key ({@code max_num_seqs: 256}) on its command line. The engines differ in two ways:
 * dashes or underscores, and how a boolean is written. Each rule comes from the engine's own argument parser:
 * <ul>
 *   <li>{@link #VLLM}: vLLM's {@code FlexibleArgumentParser} over its config dataclasses ({@code
 *       vllm/engine/arg_utils.py}); booleans are {@code argparse.BooleanOptionalAction}, so {@code true} is
 *       {@code --enable-prefix-caching} and {@code false} is {@code --no-enable-prefix-caching}.</li>
 *   <li>{@link #SWITCH}: argparse {@code store_true} (SGLang's {@code server_args.py}) and clap switches (TGI's
 *       {@code launcher/src/main.rs}): {@code true} is the bare flag, {@code false} leaves it out.</li>
 *   <li>{@link #LLAMA}: llama.cpp's {@code common/arg.cpp}, where toggles come in pairs ({@code --cont-batching} /
 *       {@code --no-cont-batching}, {@code --mmap} / {@code --no-mmap}).</li>
 *   <li>{@link #SNAKE}: trtllm-serve's click options keep underscores ({@code --max_batch_size}, {@code --tp_size});
 *       its boolean options are bare flags.</li>
 * </ul>
 * A list becomes the flag followed by each element (argparse {@code nargs='+'}).
 */
public enum FlagStyle {
    VLLM, SWITCH, LLAMA, SNAKE;

    /** The arguments of one key; {@code path} names the key in errors. */
    public List<String> args(String path, String key, Object value) {
        if (!key.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw new ConfigException(path, "'" + key + "' cannot be a command-line flag; fix: use the flag's name "
                    + "without dashes, in snake_case (e.g. max_num_seqs)");
        }
        String flag = "--" + (this == SNAKE ? key.replace('-', '_') : key.replace('_', '-'));
        if (value == null) {
            throw new ConfigException(path, "has no value; fix: give one, or remove the key");
        }
        Boolean bool = asBoolean(value);
        if (bool != null) {
            if (bool) {
                return List.of(flag);
            }
            return switch (this) {
                case VLLM, LLAMA -> List.of("--no-" + flag.substring(2));
                case SWITCH, SNAKE -> List.of();
            };
        }
        List<String> args = new ArrayList<>();
        args.add(flag);
        if (value instanceof List<?> list) {
            list.forEach(item -> args.add(scalar(path, item)));
        } else {
            args.add(scalar(path, value));
        }
        return args;
    }

    /** True or false for a boolean (YAML {@code true}, or the text {@code "true"}/{@code "false"}), else null. */
    static Boolean asBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            return t.equals("true") ? Boolean.TRUE : t.equals("false") ? Boolean.FALSE : null;
        }
        return null;
    }

    /** A scalar as the engine reads it: whole numbers without a decimal point, doubles in plain notation. */
    static String scalar(String path, Object value) {
        return switch (value) {
            case Double d when d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15 -> Long.toString(d.longValue());
            case Double d -> java.math.BigDecimal.valueOf(d).toPlainString();
            case Float f -> scalar(path, f.doubleValue());
            case Number n -> n.toString();
            case String s -> s;
            case Boolean b -> b.toString();
            default -> throw new ConfigException(path, "'" + value + "' is not a number, text or true/false; fix: "
                    + "give a scalar or a list of scalars");
        };
    }
}
