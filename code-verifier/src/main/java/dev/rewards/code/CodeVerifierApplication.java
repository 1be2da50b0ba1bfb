package dev.rewards.code;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CodeVerifierApplication {

    public static void main(String[] args) {
        SpringApplication.run(CodeVerifierApplication.class, args);
    }
}
