package dev.rewards.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * Turns every failure into an RFC 9457 problem: request mistakes are 4xx naming the offending field, failures of the
 * verifier itself are 503 with {@code Retry-After} so that trainers retry instead of recording a zero, and nothing
 * else ever leaks a stack trace.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(
            ServerWebInputException ex, HttpHeaders headers, org.springframework.http.HttpStatusCode status,
            ServerWebExchange exchange) {
        if (findCause(ex, DataBufferLimitException.class) != null) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                    "The request body exceeds the configured limit.", exchange);
        }
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", describeInputError(ex), exchange);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    Mono<ResponseEntity<Object>> invalidArgument(IllegalArgumentException ex, ServerWebExchange exchange) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", ex.getMessage(), exchange);
    }

    @ExceptionHandler(DataBufferLimitException.class)
    Mono<ResponseEntity<Object>> tooLarge(DataBufferLimitException ex, ServerWebExchange exchange) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                "The request body exceeds the configured limit.", exchange);
    }

    @ExceptionHandler(RequestTooLargeException.class)
    Mono<ResponseEntity<Object>> tooMuch(RequestTooLargeException ex, ServerWebExchange exchange) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Request too large", ex.getMessage(), exchange);
    }

    @ExceptionHandler(ServiceSaturatedException.class)
    Mono<ResponseEntity<Object>> saturated(ServiceSaturatedException ex, ServerWebExchange exchange) {
        return retryable(HttpStatus.TOO_MANY_REQUESTS, "Verifier saturated", ex, exchange);
    }

    @ExceptionHandler(ServiceUnavailableException.class)
    Mono<ResponseEntity<Object>> unavailable(ServiceUnavailableException ex, ServerWebExchange exchange) {
        return retryable(HttpStatus.SERVICE_UNAVAILABLE, "Verifier unavailable", ex, exchange);
    }

    private Mono<ResponseEntity<Object>> retryable(HttpStatus status, String title, ServiceUnavailableException ex,
                                                   ServerWebExchange exchange) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
        body.setTitle(title);
        body.setInstance(URI.create(exchange.getRequest().getPath().value()));
        if (ex instanceof DeadlineExceededException) {
            body.setProperty("reason", DeadlineExceededException.REASON);
        }
        return Mono.just(ResponseEntity.status(status)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()))
                .body(body));
    }

    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<Object>> unexpected(Exception ex, ServerWebExchange exchange) {
        log.error("unexpected failure on {}", exchange.getRequest().getPath(), ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The service failed unexpectedly; the failure has been logged.", exchange);
    }

    private Mono<ResponseEntity<Object>> problem(HttpStatus status, String title, String detail,
                                                 ServerWebExchange exchange) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        body.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return Mono.just(ResponseEntity.status(status).body(body));
    }

    /** The deepest useful message of a body that could not be read, with the JSON path of the field at fault. */
    static String describeInputError(Throwable ex) {
        JacksonException json = findCause(ex, JacksonException.class);
        if (json == null) {
            return ex.getCause() == null ? "The request body could not be read." : rootMessage(ex);
        }
        String path = jsonPath(json);
        Throwable validation = findCause(json, IllegalArgumentException.class);
        String reason = validation != null ? validation.getMessage() : json.getOriginalMessage();
        reason = firstLine(reason);
        if (json instanceof tools.jackson.core.exc.StreamReadException) {
            return "Malformed JSON" + (path.isEmpty() ? "" : " at " + path) + ": " + reason;
        }
        return path.isEmpty() ? reason : "Invalid value at '" + path + "': " + reason;
    }

    private static String jsonPath(JacksonException ex) {
        List<String> parts = new ArrayList<>();
        for (JacksonException.Reference ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                parts.add((parts.isEmpty() ? "" : ".") + ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                parts.add("[" + ref.getIndex() + "]");
            }
        }
        return String.join("", parts);
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return firstLine(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
