package dev.comments.core.kubo;

import com.github.mizosoft.methanol.MediaType;
import com.github.mizosoft.methanol.MultipartBodyPublisher;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Request bodies for {@code add} and {@code block/put}, in the multipart shape kubo reads
 * (boxo's {@code files.NewFileFromPartReader}): every part is form field {@code file};
 * its {@code filename} is the entry's path inside what is added, URL-encoded (kubo
 * unescapes it, so any character survives); a folder is a part of type
 * {@code application/x-directory}. Parts of one folder come together, parents first,
 * which is what kubo's reader needs to rebuild the tree.
 */
final class Multipart {

    private static final MediaType OCTETS = MediaType.APPLICATION_OCTET_STREAM;
    private static final String DIRECTORY = "application/x-directory";
    private static final String FIELD = "file";

    private Multipart() {
    }

    /** One file of the given bytes. */
    static MultipartBodyPublisher file(String name, byte[] bytes) {
        return MultipartBodyPublisher.newBuilder()
                .formPart(FIELD, encode(name), BodyPublishers.ofByteArray(bytes), OCTETS)
                .build();
    }

    /** One file streamed from disk as the request is sent (a CAR of any size, never held in memory). */
    static MultipartBodyPublisher file(String name, Path file) {
        try {
            return MultipartBodyPublisher.newBuilder()
                    .formPart(FIELD, encode(name), BodyPublishers.ofFile(file), OCTETS)
                    .build();
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A file, or a folder with everything under it, read from disk as the request is
     * sent (not held in memory). Names are relative to the folder's parent, so the root
     * entry of kubo's answer is named after the folder. Entries are sorted by name.
     */
    static MultipartBodyPublisher tree(Path root) {
        Path top = root.toAbsolutePath().normalize();
        MultipartBodyPublisher.Builder body = MultipartBodyPublisher.newBuilder();
        addEntry(body, top, top.getParent());
        return body.build();
    }

    // Depth first: a folder's part, then its entries by name, each sub-folder whole
    // before the next entry. (Sorting full paths would not do: "a-b/x" sorts between
    // "a" and "a/x".)
    private static void addEntry(MultipartBodyPublisher.Builder body, Path entry, Path base) {
        String name = encode(slashed(base == null ? entry.getFileName() : base.relativize(entry)));
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            body.part(MultipartBodyPublisher.Part.create(headers(name, DIRECTORY), BodyPublishers.noBody()));
            List<Path> children;
            try (Stream<Path> list = Files.list(entry)) {
                children = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + entry, e);
            }
            for (Path child : children) {
                addEntry(body, child, base);
            }
        } else if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
            try {
                body.formPart(FIELD, name, BodyPublishers.ofFile(entry), OCTETS);
            } catch (FileNotFoundException e) {
                throw new UncheckedIOException("vanished while adding: " + entry, e);
            }
        } else {
            throw new IllegalArgumentException("only files and folders can be added, not " + entry);
        }
    }

    private static HttpHeaders headers(String encodedName, String contentType) {
        return HttpHeaders.of(Map.of(
                "Content-Disposition", List.of("form-data; name=\"" + FIELD + "\"; filename=\"" + encodedName + "\""),
                "Content-Type", List.of(contentType)), (k, v) -> true);
    }

    private static String slashed(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
