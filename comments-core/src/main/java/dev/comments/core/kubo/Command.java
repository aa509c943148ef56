package dev.comments.core.kubo;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One RPC call as kubo spells it: {@code POST /api/v0/<name>?arg=…&<option>=…}, with an
 * optional multipart body. Arguments keep their order ({@code files/cp} takes source,
 * then destination).
 */
final class Command {

    private final String name;
    private final List<String> query = new ArrayList<>();
    private BodyPublisher body;
    private String contentType;

    private Command(String name) {
        this.name = name;
    }

    static Command of(String name) {
        return new Command(name);
    }

    Command arg(String value) {
        return option("arg", value);
    }

    Command option(String key, Object value) {
        query.add(key + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
        return this;
    }

    Command body(BodyPublisher publisher, String mediaType) {
        this.body = publisher;
        this.contentType = mediaType;
        return this;
    }

    String name() {
        return name;
    }

    /** The path and query, relative to the RPC base URL. */
    String pathAndQuery() {
        return "/api/v0/" + name + (query.isEmpty() ? "" : "?" + String.join("&", query));
    }

    BodyPublisher body() {
        return body;
    }

    String contentType() {
        return contentType;
    }
}
