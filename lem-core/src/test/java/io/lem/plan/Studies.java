package io.lem.plan;

import java.util.Map;

import tools.jackson.dataformat.yaml.YAMLMapper;

/** Parses study YAML as the loader does and plans it with the default options. */
final class Studies {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private Studies() {
    }

    static Map<?, ?> tree(String yaml) {
        Object root = YAML.readValue(yaml, Object.class);
        return root == null ? Map.of() : (Map<?, ?>) root;
    }

    static StudyPlan plan(String yaml) {
        return StudyPlanner.plan(tree(yaml), null, PlanOptions.defaults());
    }

    /** The value of {@code key} in each point, in plan order. */
    static java.util.List<Object> column(StudyPlan plan, String key) {
        return plan.points().stream().map(p -> p.values().get(key)).toList();
    }
}
