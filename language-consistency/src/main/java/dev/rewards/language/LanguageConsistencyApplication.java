package dev.rewards.language;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LanguageConsistencyApplication {

    public static void main(String[] args) {
        SpringApplication.run(LanguageConsistencyApplication.class, args);
    }
}
