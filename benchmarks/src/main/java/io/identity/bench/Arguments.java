package io.identity.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A benchmark's options: {@code --name value} pairs, each value a whole number, every name with its default; a
 * name the benchmark does not know is refused.
 */
final class Arguments {

    private final Map<String, Integer> values;

    private Arguments(Map<String, Integer> values) {
        this.values = values;
    }

    static Arguments parse(String[] args, Map<String, Integer> defaults) {
        var values = new HashMap<>(defaults);
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!values.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            values.put(args[i], Integer.parseInt(args[i + 1]));
        }
        return new Arguments(values);
    }

    int get(String name) {
        return values.get(name);
    }

    Duration seconds(String name) {
        return Duration.ofSeconds(get(name));
    }
}
