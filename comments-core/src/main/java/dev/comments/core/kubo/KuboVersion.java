package dev.comments.core.kubo;

import jakarta.json.JsonObject;

/** kubo's {@code version}, which a health report passes on as it is. */
public record KuboVersion(String version, String commit, String repo, String system, String golang) {

    static KuboVersion from(JsonObject o) {
        return new KuboVersion(KuboJson.text(o, "Version"), KuboJson.text(o, "Commit"), KuboJson.text(o, "Repo"),
                KuboJson.text(o, "System"), KuboJson.text(o, "Golang"));
    }
}
