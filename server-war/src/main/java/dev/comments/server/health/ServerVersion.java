package dev.comments.server.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The server's version, written into the WAR by Maven. */
@ApplicationScoped
public class ServerVersion {

    private final String version;

    public ServerVersion() {
        Properties p = new Properties();
        try (InputStream in = ServerVersion.class.getResourceAsStream("/server-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource leaves the version unknown; health still answers
        }
        this.version = p.getProperty("version", "unknown");
    }

    public String get() {
        return version;
    }
}
