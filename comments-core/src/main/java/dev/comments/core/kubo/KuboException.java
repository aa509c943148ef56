package dev.comments.core.kubo;

/**
 * The one exception {@link KuboClient} throws: kubo answered with an error, did not
 * answer in time, could not be reached, or answered something this client cannot read.
 *
 * <p>Unchecked, like the JAX-RS exceptions the server maps to HTTP statuses: callers
 * that can do something about a failed call catch it, the others let it reach their
 * error mapper. Nothing is retried behind the caller's back.
 */
public class KuboException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** {@link #status()} when no HTTP answer arrived (connection refused, reset, timed out). */
    public static final int NO_ANSWER = 0;

    private final String command;
    private final int status;
    private final String kuboMessage;

    /** An error that kubo reported itself: its {@code Message}, and the HTTP status it came with. */
    public KuboException(String command, int status, String kuboMessage) {
        super("kubo " + command + " failed (HTTP " + status + "): " + kuboMessage);
        this.command = command;
        this.status = status;
        this.kuboMessage = kuboMessage;
    }

    /** A failure on our side of the wire: no answer, or an answer we could not read. */
    public KuboException(String command, int status, String description, Throwable cause) {
        super(description, cause);
        this.command = command;
        this.status = status;
        this.kuboMessage = null;
    }

    /** The RPC command, such as {@code files/stat}. */
    public String command() {
        return command;
    }

    /**
     * The HTTP status of kubo's answer: 500 (or 400) for an error kubo reports up front,
     * 200 for an error kubo reported inside a streamed answer, {@link #NO_ANSWER} when
     * nothing came back.
     */
    public int status() {
        return status;
    }

    /** kubo's own {@code Message}, or null when the failure was not kubo's answer. */
    public String kuboMessage() {
        return kuboMessage;
    }
}
