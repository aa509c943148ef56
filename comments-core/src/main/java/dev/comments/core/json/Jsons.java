package dev.comments.core.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.InputStream;
import java.io.Reader;

/**
 * The one way to build and read JSON values (not canonical comment bytes: {@link CanonicalJson}).
 *
 * <p>{@code jakarta.json.Json.createObjectBuilder()} looks its provider up on every call
 * ({@code JsonProvider.provider()}: a ServiceLoader scan of the class path); inside Payara
 * that scan walks every jar of the application and of the server, and was the largest
 * single cost of an API answer (bench/results, issue 18's profile). The provider is
 * looked up once here; it is thread-safe, and so are the builders it makes per call.
 */
public final class Jsons {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    /** A builder that starts with the members of {@code start}. */
    public static JsonObjectBuilder object(jakarta.json.JsonObject start) {
        return PROVIDER.createObjectBuilder(start);
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonArrayBuilder array(java.util.Collection<?> values) {
        return PROVIDER.createArrayBuilder(values);
    }

    public static JsonReader reader(Reader in) {
        return PROVIDER.createReader(in);
    }

    public static JsonReader reader(InputStream in) {
        return PROVIDER.createReader(in);
    }
}
