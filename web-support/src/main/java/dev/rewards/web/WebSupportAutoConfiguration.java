package dev.rewards.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/** Registers the shared problem handling in every service that has this module on its classpath. */
@AutoConfiguration
@Import(ProblemHandling.class)
public class WebSupportAutoConfiguration {
}
