package io.identity.query.web;

import java.util.ArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Hashes of secrets (passwords, answers, link tokens) stand in for them: they never leave the service. */
public final class SecretFields {

    private SecretFields() {}

    /** Removes every field named {@code …Hash}, at any depth; returns the same node. */
    public static JsonNode removed(JsonNode node) {
        if (node instanceof ObjectNode object) {
            var names = new ArrayList<String>();
            object.propertyNames().forEach(names::add);
            for (var name : names) {
                if (name.endsWith("Hash")) {
                    object.remove(name);
                } else {
                    removed(object.get(name));
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(SecretFields::removed);
        }
        return node;
    }
}
