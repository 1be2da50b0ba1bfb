package dev.rewards.language.api;

import dev.rewards.language.LanguageScorer;
import dev.rewards.language.LinguaClassifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ScorerConfiguration {

    /** Built during startup, so readiness turns UP only once every language model is in memory. */
    @Bean
    LanguageScorer languageScorer(LanguageProperties properties) {
        return new LanguageScorer(properties.languages(), new LinguaClassifier(properties.languages()));
    }
}
