package dev.rewards.gateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * With {@code rewards.gateway.api-key} set, every endpoint but the actuator and the playground's static page needs
 * {@code Authorization: Bearer <key>} (the page holds no data; it asks for the key when the API answers 401).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiKeyFilter implements WebFilter {

    private final byte[] expected;

    ApiKeyFilter(GatewayProperties properties) {
        this.expected = properties.apiKey().isEmpty() ? null
                : ("Bearer " + properties.apiKey()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (expected == null || path.startsWith("/actuator") || path.equals("/") || path.equals("/index.html")
                || path.startsWith("/playground/")) {
            return chain.filter(exchange);
        }
        String given = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            return chain.filter(exchange);
        }
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        String body = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"A valid API key is required: Authorization: Bearer <key>.\",\"instance\":\""
                + exchange.getRequest().getPath().value().replace("\"", "") + "\"}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }
}
