package dev.comments.server.ipfs;

/** The IPFS daemon did not do what was asked: down, slow, or refusing. */
public class IpfsUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IpfsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
