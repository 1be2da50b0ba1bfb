package dev.rewards.math;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MathVerifierApplication {

    public static void main(String[] args) {
        SpringApplication.run(MathVerifierApplication.class, args);
    }
}
