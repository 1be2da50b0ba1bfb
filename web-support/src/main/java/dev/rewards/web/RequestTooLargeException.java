package dev.rewards.web;

/** A request within the body limit that still asks for more than the service accepts at once (e.g. batch size): 413. */
public class RequestTooLargeException extends RuntimeException {

    public RequestTooLargeException(String message) {
        super(message);
    }
}
