package dev.comments.server.errors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's table of error codes and the one of docs/protocol.md §5 that clients read agree. */
class ErrorCodeTest {

    @Test
    void everyCodeIsInTheProtocolsTableWithItsStatus() throws IOException {
        List<String> rows = Files.readAllLines(Path.of(System.getProperty("comments.repo"), "docs/protocol.md"))
                .stream().filter(l -> l.startsWith("| ")).toList();
        for (ErrorCode e : ErrorCode.values()) {
            // a row's first cell is the status (503), or its class (4xx) for a code answered with several
            String exact = "| " + e.status() + " |";
            String ofClass = "| " + e.status() / 100 + "xx |";
            assertTrue(rows.stream().anyMatch(r -> (r.startsWith(exact) || r.startsWith(ofClass))
                    && r.contains("`" + e.code() + "`")), e + " (" + e.status() + " " + e.code() + ") is not in docs/protocol.md §5");
        }
    }
}
