package dev.rewards.format;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FormatCheckerApplication {

    public static void main(String[] args) {
        SpringApplication.run(FormatCheckerApplication.class, args);
    }
}
