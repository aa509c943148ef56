package dev.comments.sync.pull;

import dev.comments.core.kubo.KuboException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Tells our own daemon's failures from a peer's: no answer at all from the RPC
 * (connection refused or reset) is our daemon; an error kubo answered, or a deadline
 * passed while kubo was still looking for a peer's block, counts against the peer.
 */
final class LocalDaemon {

    private LocalDaemon() {
    }

    static boolean isDown(KuboException e) {
        if (e.status() != KuboException.NO_ANSWER) {
            return false;
        }
        Throwable cause = e.getCause();
        return !(cause instanceof TimeoutException || cause instanceof HttpTimeoutException);
    }
}
