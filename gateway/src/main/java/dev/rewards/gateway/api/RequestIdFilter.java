package dev.rewards.gateway.api;

import java.util.UUID;

import dev.rewards.gateway.client.VerifierClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every request gets an id — the caller's {@code X-Request-Id} when it sends one (bounded, printable), else a new
 * one — echoed in the response and carried in the Reactor context, so that the gateway's retry, circuit and chunk
 * failure logs of one trainer step can be found together.
 */
final class RequestIdFilter implements WebFilter {

    static final String HEADER = "X-Request-Id";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && given.length() <= 64 && given.chars().allMatch(c -> c > 32 && c < 127) ? given
                : UUID.randomUUID().toString().substring(0, 8);
        exchange.getResponse().getHeaders().set(HEADER, id);
        return chain.filter(exchange).contextWrite(context -> context.put(VerifierClient.REQUEST_ID, id));
    }
}
